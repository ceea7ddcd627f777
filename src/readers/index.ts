import { closeSync, openSync, readSync, statSync } from "node:fs";
import { canonicalJsonlReader } from "./canonical-jsonl.ts";
import type { DatasetReader, ReadItem, ReadOptions } from "./reader.ts";

export { readLines } from "./read-lines.ts";
export type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";

/** Every reader, by `--format` name. Adding a format is one file and one line here. */
export const READERS: readonly DatasetReader[] = [canonicalJsonlReader];

export function readerByName(name: string): DatasetReader {
  const reader = READERS.find((r) => r.name === name);
  if (!reader)
    throw new Error(`unknown format "${name}"; known formats: ${READERS.map((r) => r.name).join(", ")}`);
  return reader;
}

/**
 * The reader for a path: the named one, or the one detection is sure of. An uncertain detection
 * asks for --format rather than guessing.
 */
export function chooseReader(path: string, format?: string): DatasetReader {
  if (format) return readerByName(format);
  const head = readHead(path);
  const certain = READERS.filter((r) => r.detect(path, head) === "certain");
  if (certain.length === 1) return certain[0];
  const likely = READERS.filter((r) => r.detect(path, head) === "likely");
  if (certain.length === 0 && likely.length === 1) return likely[0];
  const candidates = (certain.length > 0 ? certain : likely).map((r) => r.name);
  const why = candidates.length === 0 ? "no known format matches" : `it could be ${candidates.join(" or ")}`;
  throw new Error(`${path}: cannot tell the format (${why}); give it with --format <name>`);
}

/** Read a dataset in any known format as canonical records and rejections. */
export function readDataset(
  path: string,
  options: ReadOptions & { format?: string } = {},
): AsyncIterable<ReadItem> {
  return chooseReader(path, options.format).read(path, options);
}

const HEAD_BYTES = 64 * 1024;

/** The first bytes of a file (empty for a folder), enough to recognise a format. */
function readHead(path: string): string {
  if (statSync(path).isDirectory()) return "";
  const buffer = Buffer.alloc(HEAD_BYTES);
  const fd = openSync(path, "r");
  try {
    const size = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.toString("utf8", 0, size);
  } finally {
    closeSync(fd);
  }
}
