import type { CanonicalRecord, LabelSet } from "../records/index.ts";
import { type SchemaChunk, type TaskContext, type TaskSpec, tasksForKind } from "../tasks/index.ts";
import { pythonJson, SeededRandom, stableId } from "../util/index.ts";
import { type InstructionRecord, orderedIeFields, withEscapedInstruction } from "./instruction-record.ts";
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
  const negatives =
    task.asksNegatives === false
      ? []
      : drawNegatives({
          universe: task.universe(context),
          positives,
          ratio: options.negativeRatio,
          random,
          hardNegatives: options.hardNegatives,
        });
  const asked = orderLabels([...positives, ...negatives], options.schemaOrder, random);
  return splitIntoChunks(asked, task.chunkSize).map(refine);
}

/** The basic (IEPile-style) instruction for a plan. */
export function renderBasic(plan: PlannedInstruction, seed: number): InstructionRecord {
  const { task, record, chunk } = plan;
  const rendered = task.renderDefault(plan.answer, chunk);
  const text = basicInstructionText(plan);
  const instruction: InstructionRecord = {
    id: stableId(seed, record.source, plan.recordId, task.name, plan.index, "basic"),
    task: task.name,
    source: record.source,
    lang: record.lang,
    kind: "basic",
    strategies: [],
    instruction: typeof text === "string" ? text : text.text,
    output: typeof rendered === "string" ? rendered : pythonJson(rendered),
    label: plan.answer,
    record_id: plan.recordId,
  };
  return typeof text === "string" ? instruction : withEscapedInstruction(instruction, text.escaped);
}

/** The instruction text; for IE tasks with a cached prefix, with its JSON-escaped form beside it. */
function basicInstructionText(plan: PlannedInstruction): string | { text: string; escaped: string } {
  const { task, record, chunk, context } = plan;
  if (task.style === "text") return task.textInstruction!(record, chunk, context);
  const input = pythonJson(task.input(record));
  const prefix = schemaPrefix(task, record, chunk, context);
  if (typeof prefix === "string") return `${prefix}${input}}`;
  // Escaping is per character, so the escaped whole is the escaped prefix, then the escaped input.
  const escapedInput = JSON.stringify(input);
  return {
    text: `${prefix.text}${input}}`,
    escaped: `${prefix.escaped}${escapedInput.slice(1, escapedInput.length - 1)}}"`,
  };
}

/** A cached prefix: its text, and its JSON string form without the closing quote. */
interface Prefix {
  text: string;
  escaped: string;
}

/**
 * The instruction up to its input, `{"instruction": …, "schema": …, "input": `, which every record of a
 * source shares for the same task, language and labels: rendered once, then reused. Chunks with roles
 * (EE, EEA) and schemas that read the record (EEA) are rendered each time.
 */
function schemaPrefix(
  task: TaskSpec,
  record: CanonicalRecord,
  chunk: SchemaChunk,
  context: TaskContext,
): string | Prefix {
  const render = () => {
    const fields = orderedIeFields({
      instruction: task.template[context.lang],
      schema: task.schema(chunk, context, record),
      input: "",
    });
    const text = pythonJson(fields);
    return text.slice(0, text.length - '""}'.length);
  };
  if (chunk.roles !== undefined || chunk.plain !== undefined || task.schema.length > 2) return render();
  let cache = prefixCache.get(context.labels);
  if (!cache) prefixCache.set(context.labels, (cache = new Map()));
  const key = `${task.name} ${context.lang} ${JSON.stringify(chunk.labels)}`;
  let prefix = cache.get(key);
  if (prefix === undefined) {
    const text = render();
    const escaped = JSON.stringify(text);
    prefix = { text, escaped: escaped.slice(0, escaped.length - 1) };
    // Bounded: a source with very many label combinations must not grow memory with the corpus.
    if (cache.size >= PREFIX_CACHE_LIMIT) cache.clear();
    cache.set(key, prefix);
  }
  return prefix;
}

/** Per label universe (one per source), the rendered prefixes by task, language and labels. */
const prefixCache = new WeakMap<LabelSet, Map<string, Prefix>>();
const PREFIX_CACHE_LIMIT = 10_000;
