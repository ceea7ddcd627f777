import type { CanonicalRecord, LabelSet } from "../records/index.ts";
import {
  hasKeysInOrder,
  type SchemaChunk,
  type TaskContext,
  type TaskSpec,
  tasksForKind,
} from "../tasks/index.ts";
import { pythonJson, SeededRandom, stableId } from "../util/index.ts";
import {
  escapedBody,
  fieldsBetween,
  type InstructionRecord,
  lineOfFields,
  orderedIeFields,
  withEscapedText,
} from "./instruction-record.ts";
import {
  drawNegatives,
  type HardNegatives,
  orderLabels,
  type SchemaOrder,
  splitIntoChunks,
} from "./schema-chunks.ts";

export interface BasicOptions {
  seed: number;
  /** `p` of spec §4: 1 asks every absent label of the source. */
  negativeRatio: number;
  schemaOrder: SchemaOrder;
  hardNegatives?: HardNegatives;
}

/** One instruction to write: a task, the labels it asks, and the answer for them. */
export interface PlannedInstruction {
  task: TaskSpec;
  record: CanonicalRecord;
  recordId: string;
  context: TaskContext;
  chunk: SchemaChunk;
  answer: unknown;
  /** Position among the record's instructions of this task. */
  index: number;
}

/** Every instruction a record yields: for each task its kind feeds, one per schema chunk. */
export function planInstructions(
  record: CanonicalRecord,
  recordId: string,
  labels: LabelSet,
  options: BasicOptions,
): PlannedInstruction[] {
  const context: TaskContext = { labels, lang: record.lang };
  const plans: PlannedInstruction[] = [];
  for (const task of tasksForKind(record.kind)) {
    if (!task.applies(record, context)) continue;
    const random = new SeededRandom(options.seed, record.source, recordId, task.name, "schema");
    for (const [index, chunk] of chunksFor(task, record, context, random, options).entries()) {
      plans.push({ task, record, recordId, context, chunk, answer: task.answer(record, chunk), index });
    }
  }
  return plans;
}

function chunksFor(
  task: TaskSpec,
  record: CanonicalRecord,
  context: TaskContext,
  random: SeededRandom,
  options: BasicOptions,
): SchemaChunk[] {
  const refine = (labels: string[]): SchemaChunk =>
    task.refineChunk?.(labels, record, context, random, options.negativeRatio, options.schemaOrder) ?? {
      labels,
    };
  if (task.chunkSize === undefined)
    return [refine(orderLabels(task.universe(context), options.schemaOrder, random))];

  const positives = task.positives(record);
  const universe = task.universe(context);
  const negatives =
    task.asksNegatives === false
      ? []
      : drawNegatives({
          universe,
          positives,
          ratio: options.negativeRatio,
          random,
          hardNegatives: options.hardNegatives,
        });
  const asked = orderLabels([...positives, ...negatives], options.schemaOrder, random, universe);
  return splitIntoChunks(asked, task.chunkSize).map(refine);
}

/** The basic (IEPile-style) instruction for a plan. */
export function renderBasic(plan: PlannedInstruction, seed: number): InstructionRecord {
  const { task, record } = plan;
  const parts = basicParts(plan);
  const instruction: InstructionRecord = {
    id: basicId(plan, seed),
    task: task.name,
    source: record.source,
    lang: record.lang,
    kind: "basic",
    strategies: [],
    instruction: parts.text,
    output: parts.output,
    label: plan.answer,
    record_id: plan.recordId,
  };
  if (parts.escapedText === undefined) return instruction;
  return withEscapedText(instruction, parts.escapedText, parts.escapedOutput);
}

/**
 * The JSONL line of the basic instruction for a plan: the bytes of `JSON.stringify(renderBasic(plan,
 * seed))`, written from its parts without the record object in between (a run writes millions of
 * them and reads none back).
 */
export function basicLine(plan: PlannedInstruction, seed: number): string {
  const { task, record, answer } = plan;
  // JSON.stringify leaves out a label that is undefined: such an instruction is written as an object.
  if (answer === undefined) return JSON.stringify(renderBasic(plan, seed));
  const parts = basicParts(plan);
  return lineOfFields(
    // A hex id needs no escaping: its JSON form is the id in quotes.
    `"${basicId(plan, seed)}"`,
    fieldsBetween(task.name, record.source, record.lang, "basic", NO_STRATEGIES),
    parts.escapedText ?? JSON.stringify(parts.text),
    parts.escapedOutput ?? JSON.stringify(parts.output),
    parts.label ?? JSON.stringify(answer),
    recordIdJson(plan.recordId),
  );
}

const NO_STRATEGIES: readonly string[] = [];

/** A basic instruction's id: a hex digest of what it is made from. */
function basicId(plan: PlannedInstruction, seed: number): string {
  return stableId(seed, plan.record.source, plan.recordId, plan.task.name, plan.index, "basic");
}

/** The record id in JSON form; a record's instructions are written together, so the last one is kept. */
function recordIdJson(recordId: string): string {
  if (recordId !== lastRecordId.value) lastRecordId = { value: recordId, json: JSON.stringify(recordId) };
  return lastRecordId.json;
}

let lastRecordId = { value: "", json: '""' };

/** The texts of a basic instruction, each with its JSON form (`JSON.stringify`) where that is known. */
interface BasicParts {
  text: string;
  escapedText?: string;
  output: string;
  escapedOutput?: string;
  /** The label's JSON form, when it is an empty answer (kept with the chunk's prefix). */
  label?: string;
}

function basicParts(plan: PlannedInstruction): BasicParts {
  const { task, record, chunk, context } = plan;
  const rendered = task.renderDefault(plan.answer, chunk);
  const prefix = task.style === "text" ? undefined : schemaPrefix(task, record, chunk, context);
  let text: string;
  let escapedText: string | undefined;
  if (prefix === undefined) text = task.textInstruction!(record, chunk, context);
  else {
    const input = inputText(task.input(record));
    text = `${prefix.text}${input.text}}`;
    // Escaping is per character, so the escaped whole is the escaped prefix, then the escaped input.
    escapedText = `${prefix.escaped}${input.escaped}}"`;
  }
  const output = outputText(rendered, plan, prefix);
  if (typeof output === "string") return { text, escapedText, output };
  const label = prefix?.shared ? emptyLabel(plan, prefix, rendered, output) : undefined;
  return { text, escapedText, output: output.text, escapedOutput: output.escaped, label };
}

/**
 * The JSON form of a label that is an empty answer (see `isEmptyAnswer`): the same text for every
 * record asked the chunk, so made once and kept with the chunk's prefix.
 */
function emptyLabel(
  plan: PlannedInstruction,
  prefix: Prefix,
  rendered: unknown,
  output: { text: string; escaped: string },
): string | undefined {
  // A label that is the rendered answer itself (NER, RE) is empty when its output is the empty one.
  const empty =
    plan.answer === rendered ? output === prefix.empty : isEmptyAnswer(plan.answer, plan.chunk.labels);
  if (!empty) return undefined;
  prefix.emptyLabel ??= JSON.stringify(plan.answer);
  return prefix.emptyLabel;
}

/**
 * An instruction's input as JSON text, and that text escaped once more (without its quotes) for the
 * line. A record's chunks share their input text: the last one is kept, so each is escaped once.
 */
export function inputText(value: unknown): InputText {
  if (typeof value !== "string" || value !== lastInput.value) {
    const text = pythonJson(value);
    lastInput = { value, text, escaped: escapedBody(text) };
  }
  return lastInput;
}

interface InputText {
  value: unknown;
  text: string;
  escaped: string;
}

let lastInput: InputText = { value: undefined, text: "", escaped: "" };

/**
 * The output text. A chunk whose answer is empty (every label an empty list: most chunks once
 * negatives are asked) has the same output in every record, kept with the chunk's prefix.
 */
function outputText(
  rendered: unknown,
  plan: PlannedInstruction,
  prefix: Prefix | undefined,
): string | { text: string; escaped: string } {
  if (typeof rendered === "string") return rendered;
  if (prefix === undefined || !prefix.shared || !isEmptyAnswer(rendered, plan.chunk.labels))
    return pythonJson(rendered);
  if (prefix.empty === undefined) {
    const text = pythonJson(rendered);
    prefix.empty = { text, escaped: JSON.stringify(text) };
  }
  return prefix.empty;
}

/** An object with exactly `labels` as its keys, in that order, each holding an empty list. */
function isEmptyAnswer(value: unknown, labels: readonly string[]): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (!hasKeysInOrder(value, labels)) return false;
  for (const label of labels) {
    const item = (value as Record<string, unknown>)[label];
    if (!Array.isArray(item) || item.length !== 0) return false;
  }
  return true;
}

/**
 * A prefix: its text and its JSON string form without the closing quote; when it is kept for every
 * record asked the chunk (`shared`), the chunk's empty output and label too.
 */
interface Prefix {
  text: string;
  escaped: string;
  shared: boolean;
  empty?: { text: string; escaped: string };
  emptyLabel?: string;
}

/**
 * The instruction up to its input, `{"instruction": …, "schema": …, "input": `, which every record of a
 * source shares for the same task, language and chunk (labels, and roles for EE): rendered once, then
 * reused. Schemas that read the record (EEA) and plain chunks are rendered each time.
 */
function schemaPrefix(
  task: TaskSpec,
  record: CanonicalRecord,
  chunk: SchemaChunk,
  context: TaskContext,
): Prefix {
  if (chunk.plain !== undefined || task.schema.length > 2) return recordPrefix(task, record, chunk, context);
  let cache = prefixCache.get(context.labels);
  if (!cache) prefixCache.set(context.labels, (cache = { root: new Map(), nodes: 0 }));
  const node = chunkNode(cache, task, context.lang, chunk);
  if (node === undefined) return recordPrefix(task, record, chunk, context);
  node.prefix ??= { ...renderedPrefix(task, record, chunk, context), shared: true };
  return node.prefix;
}

/** The prefix rendered whole, and escaped. */
function renderedPrefix(
  task: TaskSpec,
  record: CanonicalRecord,
  chunk: SchemaChunk,
  context: TaskContext,
): { text: string; escaped: string } {
  const fields = orderedIeFields({
    instruction: task.template[context.lang],
    schema: task.schema(chunk, context, record),
    input: "",
  });
  const rendered = pythonJson(fields);
  const text = rendered.slice(0, rendered.length - '""}'.length);
  const escaped = JSON.stringify(text);
  return { text, escaped: escaped.slice(0, escaped.length - 1) };
}

/**
 * The prefix of a schema that reads the record (EEA's triggers) or of a plain chunk, made for each
 * record: only its schema is rendered and escaped each time, after the instruction's sentence, which is
 * the same for every record of a task and language and is rendered and escaped once.
 */
function recordPrefix(
  task: TaskSpec,
  record: CanonicalRecord,
  chunk: SchemaChunk,
  context: TaskContext,
): Prefix {
  const schema = task.schema(chunk, context, record);
  // A schema JSON leaves out (undefined, a function) drops its key: rendered whole.
  if (schema === undefined || typeof schema === "function")
    return { ...renderedPrefix(task, record, chunk, context), shared: false };
  const head = instructionHead(task.template[context.lang]);
  const text = pythonJson(schema);
  return {
    text: `${head.text}${text}, "input": `,
    escaped: `${head.escaped}${escapedBody(text)}, \\"input\\": `,
    shared: false,
  };
}

/** `{"instruction": <sentence>, "schema": ` and its escaped form (opening quote, no closing one), per sentence. */
function instructionHead(sentence: string): { text: string; escaped: string } {
  let head = instructionHeads.get(sentence);
  if (head === undefined) {
    const text = `{"instruction": ${JSON.stringify(sentence)}, "schema": `;
    const escaped = JSON.stringify(text);
    head = { text, escaped: escaped.slice(0, escaped.length - 1) };
    instructionHeads.set(sentence, head);
  }
  return head;
}

/** The task templates' sentences are few: every one seen is kept. */
const instructionHeads = new Map<string, { text: string; escaped: string }>();

/**
 * The prefixes of one label universe, in a tree keyed by the chunk's parts in turn (task, language,
 * then each label with the count and names of its roles): a lookup hashes strings that exist already
 * instead of building a key per instruction. The counts make the sequence of parts name one chunk.
 */
interface PrefixCache {
  root: Map<string, PrefixNode>;
  nodes: number;
}

interface PrefixNode {
  next: Map<string, PrefixNode>;
  prefix?: Prefix;
}

function chunkNode(
  cache: PrefixCache,
  task: TaskSpec,
  lang: string,
  chunk: SchemaChunk,
): PrefixNode | undefined {
  // Bounded: a source with very many label combinations must not grow memory with the corpus.
  if (cache.nodes >= PREFIX_CACHE_LIMIT) {
    cache.root.clear();
    cache.nodes = 0;
  }
  const roles = chunk.roles;
  let node = child(cache, cache.root, task.name);
  node = child(cache, node.next, roles === undefined ? lang : `${lang} roles`);
  for (const label of chunk.labels) {
    node = child(cache, node.next, label);
    if (roles === undefined) continue;
    const asked = Object.hasOwn(roles, label) ? roles[label] : [];
    if (!Array.isArray(asked)) return undefined;
    node = child(cache, node.next, String(asked.length));
    for (const role of asked) node = child(cache, node.next, role);
  }
  return node;
}

function child(cache: PrefixCache, map: Map<string, PrefixNode>, part: string): PrefixNode {
  let node = map.get(part);
  if (node === undefined) {
    map.set(part, (node = { next: new Map() }));
    cache.nodes++;
  }
  return node;
}

/** Per label universe (one per source), the rendered prefixes by task, language and chunk. */
const prefixCache = new WeakMap<LabelSet, PrefixCache>();
const PREFIX_CACHE_LIMIT = 50_000;
