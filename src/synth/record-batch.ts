import { decodeLines, encodeLines, writableRejectValue } from "../io/index.ts";
import type { ReadItem } from "../readers/index.ts";
import { recordId } from "../readers/index.ts";
import type { CanonicalRecord, LabelSet } from "../records/index.ts";
import { type BasicOptions, basicLine, planInstructions } from "./basic.ts";
import { increment, reasonKind } from "./synth-summary.ts";

/**
 * A batch of input items as worker threads take them: records a reader made, or a reader's rejections,
 * all from one file, in input order. Each becomes the same bytes as the single-thread pipeline writes.
 */
export type BatchItem =
  | { line: number; record: CanonicalRecord }
  | { line: number; reason: string; raw: unknown };

export interface RecordBatch {
  file: string;
  items: BatchItem[];
}

/** Counts of a batch, folded into the run summary in batch order. */
export interface BatchCounts {
  read: number;
  accepted: number;
  rejected: number;
  withoutInstructions: number;
  /** Instruction lines written. */
  instructions: number;
  rejectedByReason: Record<string, number>;
  byTask: Record<string, number>;
  bySource: Record<string, number>;
  byKind: Record<string, number>;
}

/**
 * A record that carries its own id, as the thread writing the batches checks ids are unique across the
 * run: its source and id, its line, and which of the batch's instructions are its own (indices
 * [start, end) into its lines).
 */
export type IdEntry = [source: string, id: string, line: number, start: number, end: number];

export interface RenderedBatch {
  /**
   * The instructions as JSON lines: the lines themselves on the thread that rendered them; from a worker
   * thread their UTF-8 bytes, each line ending with its newline (transferred, not copied, and written
   * as they are: see `encodeLines`).
   */
  instructions: readonly string[] | Uint8Array;
  /** JSON lines of the rejections. */
  rejects: string[];
  /** The line of each rejection, so a rejection found later can be put in its place. */
  rejectLines: number[];
  counts: BatchCounts;
  /** Records with an id, when the ids are still to be checked (raw line batches). */
  ids?: IdEntry[];
}

/** A rendered batch as a worker thread sends it: its instructions encoded (transfer `instructions.buffer`). */
export function encoded<B extends { instructions: readonly string[] | Uint8Array }>(
  rendered: B,
): B & { instructions: Uint8Array<ArrayBuffer> } {
  const { instructions } = rendered;
  if (instructions instanceof Uint8Array) throw new Error("a rendered batch is encoded once");
  return { ...rendered, instructions: encodeLines(instructions) };
}

/** The instruction lines of a rendered batch, without their newlines. */
export function instructionLines(rendered: RenderedBatch): readonly string[] {
  const { instructions } = rendered;
  return instructions instanceof Uint8Array ? decodeLines(instructions) : instructions;
}

/** Written instead of a rejected value that nests too deeply to write back. */
const NESTED_TOO_DEEPLY = "(not written back: nested too deeply)";

/** The labels of a source no pass found: it asks no label. */
export const EMPTY_LABELS: LabelSet = { entities: [], relations: [], events: [], classes: [], graph: [] };

/** The key an id is unique under: ids are unique per source. */
export function idKey(source: string, id: string): string {
  return `${source}\u0000${id}`;
}

export function emptyCounts(): BatchCounts {
  return {
    read: 0,
    accepted: 0,
    rejected: 0,
    withoutInstructions: 0,
    instructions: 0,
    rejectedByReason: {},
    byTask: {},
    bySource: {},
    byKind: {},
  };
}

/** Basic synthesis of one batch of records a reader made: what `synthesize` writes for them, as text. */
export function renderBatch(
  batch: RecordBatch,
  universe: ReadonlyMap<string, LabelSet>,
  options: BasicOptions,
): RenderedBatch {
  const items = batch.items.map(
    (item): ReadItem =>
      "record" in item
        ? { ok: true, record: item.record, location: { file: batch.file, line: item.line } }
        : { ok: false, reason: item.reason, raw: item.raw, location: { file: batch.file, line: item.line } },
  );
  return renderItems(items, universe, options, false);
}

/**
 * Basic synthesis of read items, in order. With `trackIds`, records carrying an id are listed so the
 * writing thread can reject the second use of an id (see `IdEntry`): every such record, or those whose
 * key (`idKey`) is in the set given (the few the id census could not clear; most runs, none).
 */
export function renderItems(
  items: Iterable<ReadItem>,
  universe: ReadonlyMap<string, LabelSet>,
  options: BasicOptions,
  trackIds: boolean | ReadonlySet<string>,
): RenderedBatch {
  const counts = emptyCounts();
  const instructions: string[] = [];
  const rejects: string[] = [];
  const rejectLines: number[] = [];
  const ids: IdEntry[] = [];
  for (const item of items) {
    counts.read++;
    if (!item.ok) {
      counts.rejected++;
      increment(counts.rejectedByReason, reasonKind(item.reason));
      rejects.push(rejectLine(item));
      rejectLines.push(item.location.line);
      continue;
    }
    counts.accepted++;
    const { record, location } = item;
    const start = instructions.length;
    const labels = universe.get(record.source) ?? EMPTY_LABELS;
    const plans = planInstructions(record, recordId(record, location), labels, options);
    if (plans.length === 0) counts.withoutInstructions++;
    for (const plan of plans) {
      counts.instructions++;
      increment(counts.byTask, plan.task.name);
      increment(counts.bySource, record.source);
      increment(counts.byKind, "basic");
      instructions.push(basicLine(plan, options.seed));
    }
    if (record.id !== undefined && isTracked(trackIds, record.source, record.id))
      ids.push([record.source, record.id, location.line, start, instructions.length]);
  }
  return { instructions, rejects, rejectLines, counts, ...(trackIds ? { ids } : {}) };
}

function isTracked(trackIds: boolean | ReadonlySet<string>, source: string, id: string): boolean {
  return typeof trackIds === "boolean" ? trackIds : trackIds.size > 0 && trackIds.has(idKey(source, id));
}

/** A rejection as the line the rejects file gets. */
export function rejectLine(item: Extract<ReadItem, { ok: false }>): string {
  const { file, line } = item.location;
  const record = writableRejectValue(item.raw, NESTED_TOO_DEEPLY);
  return JSON.stringify({ file, line, reason: item.reason, record });
}
