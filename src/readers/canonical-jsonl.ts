import { writableRejectValue } from "../io/index.ts";
import { type CanonicalRecord, parseRecordLine } from "../records/index.ts";
import { readLineBatches, type TextLine } from "./read-lines.ts";
import type { DatasetReader, Detection, ReadItem, ReadOptions } from "./reader.ts";

/** Items `readBatches` gives at a time, at most. */
const BATCH_ITEMS = 256;

/** Hum's own canonical JSONL: one record per line, validated as it is read. */
export const canonicalJsonlReader: DatasetReader = {
  name: "canonical",
  description: "Hum canonical records, one JSON object per line with a `kind` field",
  detect(path: string, head: string): Detection {
    const first = head
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/, 1)[0]
      .trim();
    if (!first.startsWith("{")) return "no";
    const looksCanonical =
      /"kind"\s*:\s*"(entities|relations|events|tuples|graph|qa|classification|chat)"/.test(first);
    if (looksCanonical && /"source"\s*:/.test(first)) return "certain";
    return looksCanonical || path.endsWith(".jsonl") ? "likely" : "no";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    for await (const items of canonicalJsonlReader.readBatches!(path, options)) yield* items;
  },
  async *readBatches(path: string, options: ReadOptions): AsyncIterable<ReadItem[]> {
    for await (const lines of readLineBatches(path)) {
      // A piece is 1 MB of lines: parsed a few hundred at a time, so no more records are held at once.
      let items: ReadItem[] = [];
      for (const line of lines) {
        const item = canonicalLineItem(line, path, options);
        if (item) items.push(item);
        if (items.length >= BATCH_ITEMS) {
          yield items;
          items = [];
        }
      }
      if (items.length > 0) yield items;
    }
  },
};

/**
 * One line of canonical JSONL as the reader yields it (undefined for a blank line): worker threads
 * call this on the lines they are sent, so a record reads the same on any thread. `checkSpans: false`
 * leaves out the check of spans against the text (for a caller that learns nothing from it).
 */
export function canonicalLineItem(
  { line, text, invalid }: TextLine,
  path: string,
  options: ReadOptions,
  checkSpans = true,
): ReadItem | undefined {
  if (invalid) return { ok: false, reason: invalid, location: { file: path, line }, raw: text };
  if (text.trim() === "") return undefined;
  const location = { file: path, line };
  const result = parseRecordLine(text, checkSpans);
  // A source or language given for the input (--source, a config entry) wins over the records' own.
  if (result.ok) return { ok: true, record: withSourceAndLang(result.record, options), location };
  return { ok: false, reason: result.reason, location, raw: writableRejectValue(result.value ?? text, text) };
}

function withSourceAndLang(record: CanonicalRecord, options: ReadOptions): CanonicalRecord {
  if (options.source === undefined && options.lang === undefined) return record;
  return { ...record, source: options.source ?? record.source, lang: options.lang ?? record.lang };
}
