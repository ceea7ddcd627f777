import { writableRejectValue } from "../io/index.ts";
import { type CanonicalRecord, parseRecordLine } from "../records/index.ts";
import { readLineBatches } from "./read-lines.ts";
import type { DatasetReader, Detection, ReadItem, ReadOptions } from "./reader.ts";

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
    for await (const lines of readLineBatches(path))
      for (const { line, text, invalid } of lines) {
        if (invalid) {
          yield { ok: false, reason: invalid, location: { file: path, line }, raw: text };
          continue;
        }
        if (text.trim() === "") continue;
        const location = { file: path, line };
        const result = parseRecordLine(text);
        // A source or language given for the input (--source, a config entry) wins over the records' own.
        if (result.ok) yield { ok: true, record: withSourceAndLang(result.record, options), location };
        else
          yield {
            ok: false,
            reason: result.reason,
            location,
            raw: writableRejectValue(result.value ?? text, text),
          };
      }
  },
};

function withSourceAndLang(record: CanonicalRecord, options: ReadOptions): CanonicalRecord {
  if (options.source === undefined && options.lang === undefined) return record;
  return { ...record, source: options.source ?? record.source, lang: options.lang ?? record.lang };
}
