import { writableRejectValue } from "../io/index.ts";
import { parseRecordLine } from "../records/index.ts";
import { readLines } from "./read-lines.ts";
import type { DatasetReader, Detection, ReadItem } from "./reader.ts";

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
  async *read(path: string): AsyncIterable<ReadItem> {
    for await (const { line, text, invalid } of readLines(path)) {
      const location = { file: path, line };
      if (invalid) {
        yield { ok: false, reason: invalid, location, raw: text };
        continue;
      }
      if (text.trim() === "") continue;
      const result = parseRecordLine(text);
      if (result.ok) yield { ok: true, record: result.record, location };
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
