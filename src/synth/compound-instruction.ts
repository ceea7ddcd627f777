import { joinSentences, type OutputFormat, outputText, restateFormat } from "../formats/index.ts";
import type { QaRecord } from "../records/index.ts";
import type { SchemaChunk } from "../tasks/index.ts";
import { pythonJson } from "../util/python-json.ts";
import { stableId } from "../util/seeded-random.ts";
import type { PlannedInstruction } from "./basic.ts";
import { compoundSchema } from "./guideline-schema.ts";
import type { Guidance, GuidelineExample } from "./guidelines.ts";
import { type InstructionRecord, orderedIeFields, type Strategy } from "./instruction-record.ts";
import { displayName, renameAnswer, renameChunk } from "./label-renaming.ts";
import type { PreferenceRule } from "./mechanical-rules.ts";
import { compoundTextInstruction, type TextExample } from "./text-instruction.ts";

/** The choices made for one compound instruction. */
export interface CompoundChoice {
  guidance?: Guidance;
  rule?: PreferenceRule;
  format: OutputFormat;
  strategies: Strategy[];
}

const REFER_TO_EXAMPLE = {
  en: "You can refer to the example for extraction.",
  zh: "你可以参考example进行抽取。",
};

/**
 * Write one compound instruction. The answer follows the rule (if any), then every label is renamed to
 * the name the instruction shows, and the output, the examples and `label` are all written from that
 * renamed answer in the chosen format, so the output always parses back to `label`.
 */
export function renderCompound(
  plan: PlannedInstruction,
  choice: CompoundChoice,
  seed: number,
): InstructionRecord {
  const { task, record, context } = plan;
  const lang = record.lang;
  const { guidance, rule, format } = choice;
  const chunk = rule?.chunk ?? plan.chunk;
  const names = guidance?.names ?? new Map<string, string>();
  const shownChunk = renameChunk(chunk, names);
  const answer = renameAnswer(task, rule?.answer ?? plan.answer, names);
  const statement = format.state(task, shownChunk, lang);
  const examples = (guidance?.examples ?? []).map((example) => writeExample(plan, example, chunk, choice));

  let instruction: string;
  if (task.style === "json") {
    let sentence = restateFormat(task.template[lang], statement, lang);
    if (examples.length > 0) sentence = joinSentences(sentence, REFER_TO_EXAMPLE[lang], lang);
    instruction = pythonJson(
      orderedIeFields({
        instruction: sentence,
        schema: compoundSchema(task, chunk, context, record, { guidance, rule }),
        example: examples.length > 0 ? examples.map(({ input, output }) => ({ input, output })) : undefined,
        output_format: statement.outputFormat,
        input: task.input(record),
      }),
    );
  } else {
    const basicText = task.textInstruction!(record, shownChunk, context);
    let sentence = restateFormat(basicText.split("\n")[0], statement, lang);
    if (examples.length > 0 && task.name === "OpenIE")
      sentence = joinSentences(sentence, REFER_TO_EXAMPLE[lang], lang);
    const descriptions: Array<[string, string]> = chunk.labels
      .filter((label) => guidance?.descriptions.has(label))
      .map((label) => [displayName(names, label), guidance!.descriptions.get(label)!]);
    instruction = compoundTextInstruction(
      task,
      basicText,
      shownChunk,
      { sentence, descriptions, examples: examples.map((e) => ({ ...e, output: outputText(e.output) })) },
      lang,
    );
  }

  return {
    id: stableId(seed, record.source, plan.recordId, task.name, plan.index, "compound"),
    task: task.name,
    source: record.source,
    lang,
    kind: "compound",
    strategies: choice.strategies,
    instruction,
    output: format.render(task, answer, shownChunk),
    label: answer,
    record_id: plan.recordId,
  };
}

/**
 * An example's input and its output in the target format: the task's answer for the example record over
 * the one label it was chosen for (with the instruction's roles for that label), renamed like the rest.
 */
function writeExample(
  plan: PlannedInstruction,
  example: GuidelineExample,
  chunk: SchemaChunk,
  { guidance, format }: CompoundChoice,
): Omit<TextExample, "output"> & { output: unknown } {
  const { task } = plan;
  const names = guidance?.names ?? new Map<string, string>();
  const exampleChunk = exampleChunkFor(plan, example, chunk);
  const answer = renameAnswer(task, task.answer(example.record, exampleChunk), names);
  const output = format.value(task, answer, renameChunk(exampleChunk, names));
  const written: Omit<TextExample, "output"> & { output: unknown } = {
    input: task.input(example.record),
    output,
  };
  if (example.record.kind === "qa") {
    const qa = example.record as QaRecord;
    written.question = qa.question;
    if (qa.choices) written.choices = qa.choices;
  }
  return written;
}

function exampleChunkFor(
  plan: PlannedInstruction,
  example: GuidelineExample,
  chunk: SchemaChunk,
): SchemaChunk {
  if (plan.task.name === "MRC")
    return { labels: (example.record as QaRecord).choices ?? [], plain: chunk.plain };
  if (example.label === undefined) return { ...chunk };
  if (plan.task.name === "TC") return chunk;
  const roles = chunk.roles?.[example.label];
  return roles ? { labels: [example.label], roles: { [example.label]: roles } } : { labels: [example.label] };
}
