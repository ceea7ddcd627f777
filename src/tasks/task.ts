import type { CanonicalRecord, LabelSet, Language, RecordKind } from "../records/index.ts";
import type { SeededRandom } from "../util/index.ts";
import { isObject, withKeyOrder } from "../util/index.ts";

export type TaskName = "NER" | "RE" | "SPO" | "EE" | "EET" | "EEA" | "OpenIE" | "KGE" | "MRC" | "TC" | "IG";

export const TASK_NAMES: readonly TaskName[] = [
  "NER",
  "RE",
  "SPO",
  "EE",
  "EET",
  "EEA",
  "OpenIE",
  "KGE",
  "MRC",
  "TC",
  "IG",
];

/** The labels one instruction asks about, with per-label detail where the task needs it. */
export interface SchemaChunk {
  labels: string[];
  /** EE and EEA: the argument roles asked for each event type. */
  roles?: Record<string, string[]>;
  /** MRC and TC: the answer is written as plain text (multiple choice, sentiment) instead of JSON. */
  plain?: boolean;
  /** MRC: the language of the unanswerable marker the output writes; English when absent. */
  lang?: Language;
}

const chunkKeys = new WeakMap<SchemaChunk, string>();

/**
 * A chunk as JSON: the key of what is worked out per chunk (an example's answer, its written form).
 * Written once per chunk object, however many of an instruction's steps ask.
 */
export function chunkKey(chunk: SchemaChunk): string {
  let key = chunkKeys.get(chunk);
  if (key === undefined) chunkKeys.set(chunk, (key = JSON.stringify(chunk)));
  return key;
}

/** What a task sees of the source around a record. */
export interface TaskContext {
  labels: LabelSet;
  lang: Language;
}

/** A flat row of an answer, as tabular and line formats render it (column → value). */
export type AnswerRow = Record<string, string>;

/** A scored unit: the exact tuple a metric counts (NER `[type, text]`, RE `[subject, relation, object]`…). */
export type ScoreTuple = readonly string[];

/**
 * Everything one instruction task knows: its template sentences, schema entry shape, how a record
 * becomes its answer for a chunk of labels, how that answer renders and parses, its rows and the
 * tuples it is scored on. `Answer` is plain JSON: it is the `label` field of an instruction record.
 */
export interface TaskSpec<R extends CanonicalRecord = CanonicalRecord, Answer = unknown> {
  readonly name: TaskName;
  readonly recordKind: RecordKind;
  /** IE tasks write the instruction as a JSON object (instruction, schema, input); the rest as text. */
  readonly style: "json" | "text";
  /** Labels per instruction (IEPile's split_num); absent when the task does not chunk its schema. */
  readonly chunkSize?: number;
  readonly template: Readonly<Record<Language, string>>;
  /** Column names of the answer's rows, in display order. */
  readonly columns: readonly string[];

  /** Whether this record (of `recordKind`) yields instructions of this task. */
  applies(record: R, context: TaskContext): boolean;
  /** Every label of the source the task may ask (the negatives are drawn from it). */
  universe(context: TaskContext): readonly string[];
  /** Labels the record carries. */
  positives(record: R): string[];
  /** Settle per-label detail of a chunk (EE: which roles to ask); the default keeps the labels. */
  refineChunk?(
    labels: string[],
    record: R,
    context: TaskContext,
    random: SeededRandom,
    negativeRatio: number,
    order?: "sorted" | "shuffled",
  ): SchemaChunk;
  /** The basic schema entries of a chunk. */
  schema(chunk: SchemaChunk, context: TaskContext, record: R): unknown;
  /** The record's answer restricted to a chunk. */
  answer(record: R, chunk: SchemaChunk): Answer;
  /** The basic output: JSON-shaped tasks return a value, text tasks a string. */
  renderDefault(answer: Answer, chunk: SchemaChunk): unknown;
  /**
   * Inverse of `renderDefault`; throws when the value is not in the task's shape. A value already in
   * the answer's shape may be returned as it is (not copied): give it one nothing else holds.
   */
  parseDefault(value: unknown, chunk: SchemaChunk): Answer;
  /** The text-style instruction (for `style: "text"` tasks). */
  textInstruction?(record: R, chunk: SchemaChunk, context: TaskContext): string;
  /** The answer's input passage (for IE tasks, the `input` field). */
  input(record: R): string;
  /** The answer's rows; the chunk settles how MRC writes "no answer" (its language). */
  toRows(answer: Answer, chunk?: SchemaChunk): AnswerRow[];
  fromRows(rows: readonly AnswerRow[], chunk: SchemaChunk): Answer;
  /** The tuples an answer is scored on. */
  tuples(answer: Answer): ScoreTuple[];
  /** EE only: argument tuples `[type, role, value]`, scored apart from the event tuples. */
  argumentTuples?(answer: Answer): ScoreTuple[];
  /** False when the task cannot ask about absent labels (EEA gives the trigger in its schema). */
  readonly asksNegatives?: boolean;
}

/** Thrown when an output cannot be read as the task's answer. */
export class OutputShapeError extends Error {
  override name = "OutputShapeError";
}

export function expectObject(value: unknown, what: string): Record<string, unknown> {
  if (!isObject(value)) throw new OutputShapeError(`${what} must be a JSON object`);
  return value;
}

export function expectArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new OutputShapeError(`${what} must be a list`);
  return value;
}

export function expectString(value: unknown, what: string): string {
  if (typeof value !== "string") throw new OutputShapeError(`${what} must be a string`);
  return value;
}

/**
 * The list under `key` of an answer being scored; a gold answer edited into another shape (a string
 * where a list belongs) is a TypeError, as mapping over it would be, never a string read as a list.
 */
export function listAt<T>(answer: Readonly<Record<string, readonly T[]>>, key: string): readonly T[] {
  const list = answer[key];
  if (!Array.isArray(list)) throw new TypeError(`the answer's "${key}" is not a list`);
  return list;
}

/** Append unless present: answers list each value once, in first-seen order. */
export function pushUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/**
 * An object with a key for every label, written in the given order even when a label looks like an
 * integer ("9", "2019"), which a plain object would move to the front.
 */
export function keyedBy<T>(labels: readonly string[], make: (label: string) => T): Record<string, T> {
  const result: Record<string, T> = {};
  for (const label of labels) result[label] = make(label);
  return withKeyOrder(result, labels);
}

/**
 * An answer with a list for every label, in the labels' order (empty for a label it lacks). An answer
 * that already has exactly those keys in order (as `answer` makes them) is returned as it is, not copied.
 */
export function withEveryLabel<T>(
  answer: Record<string, T[]>,
  labels: readonly string[],
): Record<string, T[]> {
  return hasKeysInOrder(answer, labels) ? answer : keyedBy(labels, (label) => answer[label] ?? []);
}

/** Whether an object's own keys are exactly `labels`, in that order (as `keyedBy` makes them). */
export function hasKeysInOrder(object: object, labels: readonly string[]): boolean {
  let i = 0;
  for (const key in object) {
    if (!Object.hasOwn(object, key) || key !== labels[i]) return false;
    i++;
  }
  return i === labels.length;
}

/** An object from entries, written in the entries' order whatever the keys look like. */
export function orderedObject<T>(entries: ReadonlyArray<readonly [string, T]>): Record<string, T> {
  const result: Record<string, T> = {};
  for (const [key, value] of entries) result[key] = value;
  return withKeyOrder(
    result,
    entries.map(([key]) => key),
  );
}
