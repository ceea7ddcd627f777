import { linePieces, linesOf, type TextLine } from "../io/index.ts";
import { canonicalLineItem, type LabelMaps, type ReadItem, type ReadOptions } from "../readers/index.ts";
import { type CanonicalRecord, LabelCollector, type LabelSet } from "../records/index.ts";
import { ExamplePoolMiner, type MinedSamples } from "./example-pool.ts";
import { idKey } from "./record-batch.ts";

/**
 * Raw lines of one canonical JSONL input, as the main thread sends them to worker threads: the bytes
 * of whole lines, and the number of the first, so a worker decodes, parses and validates them and still
 * names every rejection by its file and line. The main thread only finds line ends.
 */
export interface LineBatch {
  /** Index of the input in the run's inputs (its read options were told to the workers). */
  input: number;
  file: string;
  firstLine: number;
  bytes: Uint8Array;
}

/** What canonical reading of an input depends on, as sent to worker threads. */
export type LineReadOptions = Pick<ReadOptions, "source" | "lang"> & { labelMap?: LabelMaps | "none" };

/** The read options a worker needs, from an input's. */
export function lineReadOptions({ source, lang, labelMap }: ReadOptions): LineReadOptions {
  return { source, lang, labelMap };
}

/**
 * A file's lines in batches of at most `maxLines`, read in 1 MB pieces. Each batch owns its bytes (a
 * copy), so it can be posted to a worker while the next piece is read.
 */
export async function* lineBatches(input: number, file: string, maxLines: number): AsyncGenerator<LineBatch> {
  for await (const { firstLine, bytes } of linePieces(file, { maxLines }))
    yield { input, file, firstLine, bytes: Buffer.from(bytes) };
}

/**
 * The read items of a batch of lines, as the canonical reader yields them before ids are checked:
 * parsed, validated, with the input's source and language and its label names applied (`rename`, kept
 * by the caller across an input's batches).
 */
export function lineItems(
  batch: LineBatch,
  options: LineReadOptions,
  rename: (item: ReadItem) => ReadItem,
): ReadItem[] {
  const items: ReadItem[] = [];
  for (const line of decodedLines(batch)) {
    const item = canonicalLineItem(line, batch.file, options);
    if (item) items.push(rename(item));
  }
  return items;
}

/** The decoded lines of a batch, one for each line number from its first. */
export function decodedLines(batch: LineBatch): TextLine[] {
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  return linesOf(bytes, batch.firstLine);
}

/**
 * The read item of line `line` of a batch (as `lineItems` reads it), or undefined for a blank line;
 * `lines` are the batch's (`decodedLines`), decoded once for all the lines looked at.
 */
export function lineItem(
  batch: LineBatch,
  lines: readonly TextLine[],
  line: number,
  options: LineReadOptions,
  rename: (item: ReadItem) => ReadItem,
): ReadItem | undefined {
  const item = canonicalLineItem(lines[line - batch.firstLine], batch.file, options);
  return item && rename(item);
}

/** What the label pass finds in a batch of lines (see label-universe.ts). */
export interface ScannedBatch {
  sources: Record<string, LabelSet>;
  items: number;
  /** Keys of the valid records that carry an id, in order: a repeated id is checked by the main thread. */
  ids: string[];
  /** The line of each of `ids`, to read again the rare record whose id may be a repeat. */
  idLines: number[];
}

export function scanLines(
  batch: LineBatch,
  options: LineReadOptions,
  rename: (item: ReadItem) => ReadItem,
): ScannedBatch {
  const collector = new LabelCollector();
  const ids: string[] = [];
  const idLines: number[] = [];
  let items = 0;
  for (const line of decodedLines(batch)) {
    // Most records carry labels seen already: whether their spans hold cannot change what the pass keeps.
    let item = canonicalLineItem(line, batch.file, options, false);
    if (item?.ok) item = rename(item);
    if (!item?.ok || !collector.knows(item.record)) {
      const checked = canonicalLineItem(line, batch.file, options);
      item = checked && rename(checked);
      if (item?.ok) collector.add(item.record);
    }
    if (!item) continue;
    items++;
    // A record skipped above may yet be rejected for its spans: its id may make a repeat seem to occur,
    // which only sends the input to the exact (slower) pass.
    if (item.ok && item.record.id !== undefined) {
      ids.push(idKey(item.record.source, item.record.id));
      idLines.push(line.line);
    }
  }
  return { sources: collector.toSchemaFile().sources, items, ids, idLines };
}

/** What mining the example pool finds in a batch of lines (see `mineLinesInPool`). */
export interface MinedBatch {
  /** What the batch's records leave in a pool, but for `repeatable`. */
  samples: MinedSamples;
  /** The valid records whose ids may repeat an earlier record's, in order: the main thread keeps first uses. */
  repeatable: Array<{ key: string; record: CanonicalRecord }>;
}

/**
 * Mine the example pool from a batch of lines: every valid record, except those whose ids are among
 * `tracked` (or carry an id at all, when every id is tracked), which are left to the thread that sees
 * the batches in order.
 */
export function mineLines(
  batch: LineBatch,
  options: LineReadOptions,
  rename: (item: ReadItem) => ReadItem,
  seed: number,
  tracked: ReadonlySet<string> | true,
): MinedBatch {
  const miner = new ExamplePoolMiner(seed);
  const repeatable: MinedBatch["repeatable"] = [];
  for (const item of lineItems(batch, options, rename)) {
    if (!item.ok) continue;
    const { record } = item;
    const key = record.id === undefined ? undefined : idKey(record.source, record.id);
    if (key !== undefined && (tracked === true || tracked.has(key))) repeatable.push({ key, record });
    else miner.add(record);
  }
  return { samples: miner.samples(), repeatable };
}
