import { defaultFormat, type OutputFormat, restateFormat, variantFormats } from "../formats/index.ts";
import type { CanonicalRecord, Language, QaRecord } from "../records/index.ts";
import type { PlannedInstruction } from "../synth/basic.ts";
import { orderedIeFields } from "../synth/instruction-record.ts";
import type { SchemaChunk, TaskSpec } from "../tasks/index.ts";
import { pythonJson } from "../util/python-json.ts";
import { SeededRandom } from "../util/seeded-random.ts";
import type { EvalSourceRecord } from "./example-pool.ts";
import type { LabelDescriptions } from "./label-descriptions.ts";

/** Spec §3: compound instructions that carry examples say so. */
const REFER_TO_EXAMPLE: Record<Language, string> = {
  en: " You can refer to the example for extraction.",
  zh: "你可以参考example进行抽取。",
};

/** At most this many examples per instruction: positives for the chunk's labels, then one negative. */
const MAX_EXAMPLES = 4;

export interface CompoundContext {
  pool: readonly EvalSourceRecord[];
  descriptions: LabelDescriptions;
  seed: number;
  /** Share of IE instructions that ask for another output format (spec §5 format variants). */
  formatShare: number;
}

/** A compound instruction and the output format it asks for. */
export interface CompoundInstruction {
  text: string;
  format: OutputFormat;
}

/**
 * The compound (C) instruction for a plan, as paper Tables 17–22 show it: IE schemas become guideline
 * entries (with a description when the dictionary has one) followed by examples drawn from the example
 * pool, and a seeded share asks for another output format (examples then use it too); multiple choice
 * gets solved examples; sentiment gets class descriptions and examples.
 */
export function compoundInstruction(plan: PlannedInstruction, context: CompoundContext): CompoundInstruction {
  if (plan.task.style === "json") return ieInstruction(plan, context);
  const text =
    plan.task.name === "MRC" ? choiceInstruction(plan, context) : sentimentInstruction(plan, context);
  return { text, format: defaultFormat };
}

function ieInstruction(plan: PlannedInstruction, context: CompoundContext): CompoundInstruction {
  const { task, record, chunk } = plan;
  const lang = record.lang;
  const format = chooseFormat(plan, context);
  const examples = ieExamples(plan, context).map((example) => ({
    input: task.input(example),
    output: format.value(task, task.answer(example, chunk), chunk),
  }));
  const statement = format.state(task, chunk, lang);
  const sentence = restateFormat(
    task.template[lang] + (examples.length > 0 ? REFER_TO_EXAMPLE[lang] : ""),
    statement,
    lang,
  );
  const text = pythonJson(
    orderedIeFields({
      instruction: sentence,
      schema: guidelineSchema(task, chunk, record.source, context.descriptions),
      example: examples.length > 0 ? examples : undefined,
      output_format: statement.outputFormat,
      input: task.input(record),
    }),
  );
  return { text, format };
}

function chooseFormat(plan: PlannedInstruction, context: CompoundContext): OutputFormat {
  const random = new SeededRandom(
    context.seed,
    plan.record.source,
    plan.recordId,
    plan.task.name,
    plan.index,
    "format",
  );
  const variants = variantFormats(plan.task, plan.chunk);
  return variants.length > 0 && random.chance(context.formatShare) ? random.pick(variants) : defaultFormat;
}

/** Schema entries as objects (paper Tables 17–20), each with its description when one is known. */
function guidelineSchema(
  task: TaskSpec,
  chunk: SchemaChunk,
  source: string,
  descriptions: LabelDescriptions,
) {
  const described = (entry: Record<string, unknown>, description: string | undefined) =>
    description ? { ...entry, description } : entry;
  if (task.name === "EET")
    return Object.fromEntries(chunk.labels.map((label) => [label, descriptions.label(source, label) ?? ""]));
  return chunk.labels.map((label) => {
    const description = descriptions.label(source, label);
    if (task.name === "NER") return described({ entity_type: label }, description);
    if (task.name !== "EE") return described({ relation: label }, description);
    return {
      ...described({ event_type: label, trigger: true }, description),
      arguments: (chunk.roles?.[label] ?? []).map((role) =>
        described({ argument: role }, descriptions.role(source, label, role)),
      ),
    };
  });
}

/** Pool records carrying the chunk's labels (one per label, in schema order), then one carrying none. */
function ieExamples(plan: PlannedInstruction, context: CompoundContext): CanonicalRecord[] {
  const { task, chunk } = plan;
  const random = new SeededRandom(
    context.seed,
    plan.record.source,
    plan.recordId,
    task.name,
    plan.index,
    "examples",
  );
  const candidates = random.shuffle(
    context.pool.map((p) => p.record).filter((r) => r.kind === task.recordKind),
  );
  const chosen: CanonicalRecord[] = [];
  for (const label of chunk.labels) {
    const carrier = candidates.find((r) => !chosen.includes(r) && task.positives(r).includes(label));
    if (carrier && chosen.length < MAX_EXAMPLES - 1) chosen.push(carrier);
  }
  const negative = candidates.find(
    (r) => !chosen.includes(r) && !task.positives(r).some((l) => chunk.labels.includes(l)),
  );
  if (negative) chosen.push(negative);
  return chosen;
}

function choiceInstruction(plan: PlannedInstruction, context: CompoundContext): string {
  const { task, record, chunk } = plan;
  const [sentence, ...rest] = task.textInstruction!(record, chunk, plan.context).split("\n");
  const random = new SeededRandom(context.seed, record.source, plan.recordId, "MRC", "examples");
  const examples = random
    .sample(
      context.pool
        .map((p) => p.record)
        .filter((r): r is QaRecord => r.kind === "qa" && r.choices !== undefined),
      2,
    )
    .map((example) =>
      [
        `input: ${example.text}`,
        `question: ${example.question}`,
        `choice: ${pythonJson(example.choices)}`,
        `answer: ${example.answer}`,
      ].join("\n"),
    );
  return [sentence, ...(examples.length > 0 ? ["examples:", examples.join("\n\n"), ""] : []), ...rest].join(
    "\n",
  );
}

/** Table 22: class descriptions when known, and one short solved review per class. */
function sentimentInstruction(plan: PlannedInstruction, context: CompoundContext): string {
  const { task, record, chunk } = plan;
  const [sentence, ...rest] = task.textInstruction!(record, chunk, plan.context).split("\n");
  const descriptions = chunk.labels.flatMap((label) => {
    const description = context.descriptions.label(record.source, label);
    return description ? [`${label}: ${description}`] : [];
  });
  const examples = chunk.labels.flatMap((label) => {
    const shortest = context.pool
      .map((p) => p.record)
      .filter((r) => r.kind === "classification" && r.label === label)
      .sort((a, b) => textLength(a) - textLength(b) || (a.id ?? "").localeCompare(b.id ?? ""))[0];
    return shortest ? [`input: ${task.input(shortest)}\nanswer: ${label}`] : [];
  });
  const parts = [sentence, ...descriptions];
  if (examples.length > 0) parts.push("examples:", examples.join("\n\n"), "");
  return [...parts, ...rest, "answer: "].join("\n");
}

function textLength(record: CanonicalRecord): number {
  return "text" in record ? record.text.length : 0;
}
