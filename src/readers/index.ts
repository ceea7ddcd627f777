import { FileError, UsageError } from "../io/index.ts";
import type { LabelSet } from "../records/index.ts";
import { lookup } from "../util/index.ts";
import { aclImdbReader } from "./aclimdb.ts";
import { adeDoseReader, adeReader } from "./ade.ts";
import { alpacaReader } from "./alpaca.ts";
import { c3Reader } from "./c3.ts";
import { canonicalJsonlReader } from "./canonical-jsonl.ts";
import { casieReader } from "./casie.ts";
import { conllReader } from "./conll.ts";
import { conll04Reader } from "./conll04.ts";
import { fewfcReader } from "./fewfc.ts";
import { fewrelReader } from "./fewrel.ts";
import { iepileReader } from "./iepile.ts";
import { instructieReader } from "./instructie.ts";
import { labelNamer } from "./label-map.ts";
import { labelTextTsvReader } from "./label-text-tsv.ts";
import { openieTsvReader } from "./openie-tsv.ts";
import { pheeReader } from "./phee.ts";
import { readHead } from "./read-head.ts";
import type { DatasetReader, ReadItem, ReadOptions } from "./reader.ts";
import { sciercRelationReader } from "./scierc-relation.ts";
import { squadReader } from "./squad.ts";
import { idChecker } from "./unique-ids.ts";

export { canonicalLineItem } from "./canonical-jsonl.ts";
export { type LabelMaps, labelMapOption, labelNamer, readLabelMapFile } from "./label-map.ts";
export { readLineBatches, readLines } from "./read-lines.ts";
export type { DatasetReader, Detection, Location, ReadItem, ReadNotes, ReadOptions } from "./reader.ts";
export { recordId } from "./record-id.ts";
export { decodeTags, encodeSpans, type TaggingScheme, type TagSpan } from "./tag-decoding.ts";
export type { SeenIds } from "./unique-ids.ts";
export { duplicateIdReason } from "./unique-ids.ts";

/** Every reader, by `--format` name. Adding a format is one file and one line here. */
export const READERS: readonly DatasetReader[] = [
  canonicalJsonlReader,
  conllReader,
  conll04Reader,
  fewrelReader,
  sciercRelationReader,
  adeReader,
  adeDoseReader,
  c3Reader,
  squadReader,
  aclImdbReader,
  labelTextTsvReader,
  fewfcReader,
  pheeReader,
  casieReader,
  alpacaReader,
  iepileReader,
  instructieReader,
  openieTsvReader,
];

export function readerByName(name: string): DatasetReader {
  return lookup(READERS, name, { one: "format", error: UsageError });
}

/**
 * The reader for a path: the named one, or the one detection is sure of. An uncertain detection
 * asks for --format rather than guessing.
 */
export function chooseReader(path: string, format?: string): DatasetReader {
  if (format) return readerByName(format);
  let head: string;
  try {
    head = readHead(path);
  } catch (error) {
    throw new FileError(path, "read", error);
  }
  const detections = READERS.map((reader) => ({ reader, detection: reader.detect(path, head) }));
  const certain = detections.filter((d) => d.detection === "certain").map((d) => d.reader);
  if (certain.length === 1) return certain[0];
  const likely = detections.filter((d) => d.detection === "likely").map((d) => d.reader);
  if (certain.length === 0 && likely.length === 1) return likely[0];
  const candidates = (certain.length > 0 ? certain : likely).map((r) => r.name);
  const why = candidates.length === 0 ? "no known format matches" : `it could be ${candidates.join(" or ")}`;
  throw new Error(`${path}: cannot tell the format (${why}); give it with --format <name>`);
}

/**
 * The labels a dataset declares beside its data (IEPile's `schema.json`), for the source its records
 * get: part of the label universe wherever one is built (convert, synth, eval, dictionary authoring).
 */
export async function declaredLabels(
  path: string,
  options: ReadOptions & { format?: string } = {},
): Promise<{ source: string; labels: LabelSet } | undefined> {
  return chooseReader(path, options.format).declaredLabels?.(path, options);
}

/** Read a dataset in any known format as canonical records and rejections. */
export function readDataset(
  path: string,
  options: ReadOptions & { format?: string } = {},
): AsyncIterable<ReadItem> {
  return readWith(chooseReader(path, options.format), path, options);
}

/**
 * What every command reads through a reader: its items, labels given readable names (built-in and
 * `--label-map`), and an id used twice in a source rejected.
 */
export async function* readWith(
  reader: DatasetReader,
  path: string,
  options: ReadOptions,
): AsyncIterable<ReadItem> {
  // Both steps in one loop: each async layer between the reader and the caller costs time per record.
  const named = namedAndChecked(reader, options);
  for await (const item of reader.read(path, options)) yield named(item);
}

/** The step every item a reader gives goes through: label names given, then its id checked. */
function namedAndChecked(reader: DatasetReader, options: ReadOptions): (item: ReadItem) => ReadItem {
  const rename = labelNamer(reader.name, options);
  const check = idChecker(options.seenIds, options.mayRepeat);
  return (item) => check(rename(item));
}

/** Items a reader without `readBatches` gives are passed on this many at a time. */
const GROUPED_ITEMS = 256;

/**
 * The items `readDataset` yields, a batch at a time: a reader that reads in pieces (canonical JSONL)
 * gives its pieces, with no async step per record; any other reader's items are grouped. With `limit`,
 * the first `limit` items alone, and a grouping reader is asked for no more (what it notes of the
 * items it reads counts in the run's summary).
 */
export async function* readDatasetBatches(
  path: string,
  options: ReadOptions & { format?: string } = {},
  limit = Number.POSITIVE_INFINITY,
): AsyncIterable<ReadItem[]> {
  const reader = chooseReader(path, options.format);
  const named = namedAndChecked(reader, options);
  let left = limit;
  for await (const items of readerBatches(reader, path, options, limit)) {
    const taken = items.length > left ? items.slice(0, left) : items;
    left -= taken.length;
    yield taken.map(named);
    if (left <= 0) return;
  }
}

/** A reader's items as it gives them in batches, or grouped: at most `limit` asked of a grouping reader. */
async function* readerBatches(
  reader: DatasetReader,
  path: string,
  options: ReadOptions,
  limit: number,
): AsyncIterable<ReadItem[]> {
  if (limit <= 0) return;
  if (reader.readBatches) {
    yield* reader.readBatches(path, options);
    return;
  }
  let group: ReadItem[] = [];
  let read = 0;
  for await (const item of reader.read(path, options)) {
    group.push(item);
    if (++read === limit) break;
    if (group.length >= GROUPED_ITEMS) {
      yield group;
      group = [];
    }
  }
  if (group.length > 0) yield group;
}

export { type ConvertCounts, convertDataset, convertOutputFiles } from "./convert-dataset.ts";
export { acceptedRecords, type DatasetInput } from "./read-inputs.ts";
