import { joinSentences, type OutputFormat, outputText, readsBack, restateFormat } from "../formats/index.ts";
import type { CanonicalRecord, QaRecord } from "../records/index.ts";
import { chunkKey, type SchemaChunk } from "../tasks/index.ts";
import { fitsWithin, type TokenCounter } from "../tokenizer/index.ts";
import { pythonJson, stableId } from "../util/index.ts";
import { inputText, type PlannedInstruction } from "./basic.ts";
import { compoundSchema } from "./guideline-schema.ts";
import type { Guidance } from "./guidelines.ts";
import {
  type CompoundStrategy,
  escapedBody,
  type InstructionRecord,
  withEscapedText,
} from "./instruction-record.ts";
import { displayName, renameAnswer, renameChunk } from "./label-renaming.ts";
import type { PreferenceRule } from "./mechanical-rules.ts";
import { compoundTextInstruction, type TextExample } from "./text-instruction.ts";

/** The choices made for one compound instruction. */
export interface CompoundChoice {
  guidance?: Guidance;
  rule?: PreferenceRule;
  format: OutputFormat;
  strategies: CompoundStrategy[];
  /** Distinguishes several renderings of one chunk (`--variants-per-sample`); 0 for the first. */
  variant?: number;
}

/** The length budget of an instruction and how its tokens are counted. */
export interface LengthBudget {
  tokens: number;
  count: TokenCounter;
}

/** What fitting an instruction into its budget took. */
export interface Trimmed {
  examples: number;
  descriptions: number;
  /** Still over the budget with nothing left to drop (a long input). */
  over: boolean;
}

const REFER_TO_EXAMPLE = {
  en: "You can refer to the example for extraction.",
  zh: "你可以参考example进行抽取。",
};

/**
 * Write one compound instruction. Within a length budget (`renderCompoundWithin`), examples are dropped
 * first (last first), then descriptions of labels that are not masked (a masked label needs its own).
 */
export function renderCompound(
  plan: PlannedInstruction,
  choice: CompoundChoice,
  seed: number,
): InstructionRecord {
  return renderOnce(plan, choice, seed);
}

/** `renderCompound` within a length budget, saying what fitting it took. */
export function renderCompoundWithin(
  plan: PlannedInstruction,
  choice: CompoundChoice,
  seed: number,
  budget?: LengthBudget,
): { instruction: InstructionRecord; trimmed: Trimmed } {
  const trimmed: Trimmed = { examples: 0, descriptions: 0, over: false };
  let guidance = choice.guidance;
  let record = renderOnce(plan, { ...choice, guidance }, seed);
  if (!budget) return { instruction: record, trimmed };
  while (guidance && !fitsWithin(budget.count, record.instruction, budget.tokens)) {
    const droppable = [...guidance.descriptions.keys()].filter(
      (l) => !/^label\d+$/.test(guidance!.names.get(l) ?? ""),
    );
    if (guidance.examples.length > 0) {
      guidance = { ...guidance, examples: guidance.examples.slice(0, -1) };
      trimmed.examples++;
    } else if (droppable.length > 0) {
      const descriptions = new Map(guidance.descriptions);
      descriptions.delete(droppable.at(-1)!);
      guidance = { ...guidance, descriptions };
      trimmed.descriptions++;
    } else break;
    record = renderOnce(plan, { ...choice, guidance }, seed);
  }
  trimmed.over = !fitsWithin(budget.count, record.instruction, budget.tokens);
  return { instruction: record, trimmed };
}

/**
 * The answer follows the rule (if any), then every label is renamed to the name the instruction shows,
 * and the output, the examples and `label` are all written from that renamed answer in the chosen
 * format, so the output always parses back to `label`.
 */
function renderOnce(plan: PlannedInstruction, choice: CompoundChoice, seed: number): InstructionRecord {
  const { task, record, context } = plan;
  const lang = record.lang;
  const { guidance, rule, format } = choice;
  const chunk = rule?.chunk ?? plan.chunk;
  const names = guidance?.names ?? new Map<string, string>();
  const shownChunk = renameChunk(chunk, names);
  const answer = renameAnswer(task, rule?.answer ?? plan.answer, names);
  const statement = format.state(task, shownChunk, lang);
  const shape = exampleShape(plan, choice);
  const examples = (guidance?.examples ?? []).flatMap(({ record: example }) => {
    const written = writeExample(plan, example, choice, shape);
    return written ? [written] : [];
  });

  let instruction: string;
  let escaped: string | undefined;
  if (task.style === "json") {
    let sentence = restateFormat(task.template[lang], statement, lang);
    if (examples.length > 0) sentence = joinSentences(sentence, REFER_TO_EXAMPLE[lang], lang);
    ({ text: instruction, escaped } = ieInstructionText(
      sentence,
      compoundSchema(task, chunk, context, record, { guidance, rule }),
      examples,
      statement.outputFormat,
      task.input(record),
    ));
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

  const variant = choice.variant ? [choice.variant] : [];
  const rendered: InstructionRecord = {
    id: stableId(seed, record.source, plan.recordId, task.name, plan.index, "compound", ...variant),
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
  return escaped === undefined ? rendered : withEscapedText(rendered, `"${escaped}"`);
}

/**
 * The IE instruction as `pythonJson(orderedIeFields(…))` writes it (instruction, schema, example,
 * output_format, input; absent fields left out), with each example's text written once per example:
 * the pool's examples come back in instruction after instruction. With it, the text's JSON-escaped form
 * (what `JSON.stringify` writes between its quotes), for the line the instruction is written on: made
 * of the pieces' escaped forms, of which the sentence's and the examples' are kept.
 * (Escaping is per character, and every piece starts and ends at ASCII punctuation, so the pieces'
 * forms joined are the whole text's.)
 */
function ieInstructionText(
  instruction: string,
  schema: unknown,
  examples: readonly WrittenExample[],
  outputFormat: unknown,
  input: string,
): { text: string; escaped: string } {
  const sentence = sentencePiece(instruction);
  let text = `{"instruction": ${sentence.text}`;
  let escaped = `{\\"instruction\\": ${sentence.escaped}`;
  if (schema !== undefined) {
    const schemaText = pythonJson(schema);
    text += `, "schema": ${schemaText}`;
    escaped += `, \\"schema\\": ${escapedBody(schemaText)}`;
  }
  if (examples.length > 0) {
    const written = examples.map(exampleJson);
    text += `, "example": [${written.map((piece) => piece.text).join(", ")}]`;
    escaped += `, \\"example\\": [${written.map((piece) => piece.escaped).join(", ")}]`;
  }
  if (outputFormat !== undefined) {
    // Only the template format states one (one in a few hundred instructions): escaped where used.
    const format = pythonJson(outputFormat);
    text += `, "output_format": ${format}`;
    escaped += `, \\"output_format\\": ${escapedBody(format)}`;
  }
  // A record's basic and compound instructions share the input's text, escaped once.
  const shown = inputText(input);
  return {
    text: `${text}, "input": ${shown.text}}`,
    escaped: `${escaped}, \\"input\\": ${shown.escaped}}`,
  };
}

/** A piece of an instruction's text and its JSON-escaped form (without the quotes). */
interface Piece {
  text: string;
  escaped: string;
}

/** The instructions' sentences, a few per task, language and format: each written and escaped once. */
const sentencePieces = new Map<string, Piece>();
const SENTENCES_LIMIT = 1024;

function sentencePiece(sentence: string): Piece {
  let piece = sentencePieces.get(sentence);
  if (piece === undefined) {
    const text = pythonJson(sentence);
    piece = { text, escaped: escapedBody(text) };
    if (sentencePieces.size >= SENTENCES_LIMIT) sentencePieces.clear();
    sentencePieces.set(sentence, piece);
  }
  return piece;
}

const exampleTexts = new WeakMap<WrittenExample, Piece>();

/** `pythonJson({ input, output })` of a written example, and its escaped form, kept with it. */
function exampleJson(example: WrittenExample): Piece {
  let piece = exampleTexts.get(example);
  if (piece === undefined) {
    const { input, output } = example;
    const text = pythonJson(output === undefined ? { input } : { input, output });
    piece = { text, escaped: escapedBody(text) };
    exampleTexts.set(example, piece);
  }
  return piece;
}

/**
 * An example answered as the target is: over the whole chunk as annotated (with its roles), following
 * the rule, renamed like the rest, written in the target format. Undefined when the rule cannot be
 * followed in it (examples are chosen so that this does not happen).
 */
function writeExample(
  plan: PlannedInstruction,
  example: CanonicalRecord,
  choice: CompoundChoice,
  shape: string | undefined,
): WrittenExample | undefined {
  const names = choice.guidance?.names ?? new Map<string, string>();
  const chunk = exampleChunk(plan, example);
  // A rule is made for one instruction: an example written under one is not met again.
  if (shape === undefined) return writeExampleOnce(plan, example, chunk, names, choice);
  // Without one the written example depends on the record, task, format, chunk and names alone, and the
  // pool's few records come back instruction after instruction: each is written (and read back) once.
  const key = chunk === plan.chunk ? shape : `${shape}\u0000${chunkKey(chunk)}`;
  let written = writtenExamples.get(example);
  if (!written) writtenExamples.set(example, (written = new Map()));
  let result = written.get(key);
  if (result === undefined) {
    result = writeExampleOnce(plan, example, chunk, names, choice) ?? null;
    if (written.size >= WRITTEN_LIMIT) written.clear();
    written.set(key, result);
  }
  return result ?? undefined;
}

type WrittenExample = Omit<TextExample, "output"> & { output: unknown };

/**
 * What an instruction's examples are written by besides their records (format, task, chunk, names), as
 * a key; undefined under a rule, which is made for one instruction (its examples are not met again).
 */
function exampleShape(
  plan: PlannedInstruction,
  { guidance, rule, format }: CompoundChoice,
): string | undefined {
  if (rule) return undefined;
  const names = guidance && guidance.names.size > 0 ? JSON.stringify([...guidance.names]) : "";
  return `${format.name}\u0000${plan.task.name}\u0000${names}\u0000${chunkKey(plan.chunk)}`;
}

/** Per example record, its written forms (null: cannot be shown) by format, task, chunk and names. */
const writtenExamples = new WeakMap<CanonicalRecord, Map<string, WrittenExample | null>>();
/** Bounded per record: masks and synonyms make many name combinations. */
const WRITTEN_LIMIT = 256;

function writeExampleOnce(
  plan: PlannedInstruction,
  example: CanonicalRecord,
  chunk: SchemaChunk,
  names: ReadonlyMap<string, string>,
  { rule, format }: CompoundChoice,
): WrittenExample | undefined {
  const { task } = plan;
  let answer = task.answer(example, chunk);
  if (rule) {
    const followed = followRule(rule, answer as Record<string, unknown>);
    if (!followed) return undefined;
    answer = followed;
  }
  const shown = renameChunk(task.name === "MRC" ? chunk : (rule?.chunk ?? chunk), names);
  const renamed = renameAnswer(task, answer, names);
  if (!readsBack(format, task, renamed, shown)) return undefined;
  const written: WrittenExample = {
    input: task.input(example),
    output: format.value(task, renamed, shown),
  };
  if (example.kind === "qa") {
    const qa = example as QaRecord;
    written.question = qa.question;
    if (qa.choices) written.choices = qa.choices;
  }
  return written;
}

/** An example's answer under the rule: its own `follow`, or unchanged when it has nothing for the label. */
export function followRule(
  rule: PreferenceRule,
  answer: Record<string, unknown>,
): Record<string, unknown> | undefined {
  if (rule.follow) return rule.follow(answer);
  const value = answer[rule.label];
  const empty =
    value === undefined ||
    (Array.isArray(value) ? value.length === 0 : Object.keys(value as object).length === 0);
  return empty ? answer : undefined;
}

function exampleChunk(plan: PlannedInstruction, example: CanonicalRecord): SchemaChunk {
  // The example's own choices; the plan's answer style and language (its "no answer" marker).
  if (plan.task.name === "MRC") return { ...plan.chunk, labels: (example as QaRecord).choices ?? [] };
  return plan.chunk;
}
