import { guessLanguage } from "./language.ts";
import { firstLine } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { readLines } from "./read-lines.ts";
import type { DatasetReader, Detection, ReadItem, ReadOptions } from "./reader.ts";
import { fileStem, sourceName } from "./source-name.ts";

/** Binary sentiment labels as ChnSentiCorp (and most TSV sentiment sets) write them. */
const SENTIMENT: Record<string, string> = { "1": "positive", "0": "negative" };
const TEXT_COLUMNS = ["text_a", "text", "review", "sentence", "content"];

/**
 * Label/text TSV (ChnSentiCorp): a header naming a `label` column and a text column (`text_a`,
 * `text`, …), or no header and `label<TAB>text`. Labels 1/0 become positive/negative sentiment; other
 * labels are kept as topic classes.
 */
export const labelTextTsvReader: DatasetReader = {
  name: "label-tsv",
  description:
    "label<TAB>text TSV with or without header (ChnSentiCorp) → one classification record per row; " +
    "1/0 → positive/negative sentiment, other labels kept as classes",
  detect(_path: string, head: string): Detection {
    const header = firstLine(head).toLowerCase().split("\t");
    if (header.includes("label") && header.some((name) => TEXT_COLUMNS.includes(name))) return "certain";
    const lines = head
      .split(/\r?\n/)
      .slice(0, 20)
      .filter((line) => line.trim() !== "");
    return lines.length > 1 && lines.every((line) => /^[01]\t\S/.test(line)) ? "likely" : "no";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, fileStem(path));
    let columns = { label: 0, text: 1 };
    for await (const { line, text, invalid } of readLines(path)) {
      if (invalid) {
        yield rejection(invalid, { file: path, line }, text);
        continue;
      }
      if (text.trim() === "") continue;
      const fields = text.split("\t");
      if (line === 1 && isHeader(fields)) {
        columns = headerColumns(fields);
        continue;
      }
      const location = { file: path, line };
      const label = fields[columns.label]?.trim() ?? "";
      const review = fields[columns.text]?.trim() ?? "";
      if (fields.length < 2) {
        yield rejection("tsv: expected a label and a text column", location, text);
        continue;
      }
      const sentiment = SENTIMENT[label];
      const record = {
        kind: "classification",
        id: `${source}-${line}`,
        source,
        lang: options.lang ?? guessLanguage(review),
        text: review,
        label: sentiment ?? label,
        aspect: sentiment ? "sentiment" : "topic",
      };
      yield checkedItem(record, location, text);
    }
  },
};

function isHeader(fields: string[]): boolean {
  return fields.some((field) => field.trim().toLowerCase() === "label");
}

function headerColumns(fields: string[]): { label: number; text: number } {
  const names = fields.map((field) => field.trim().toLowerCase());
  const text = names.findIndex((name) => TEXT_COLUMNS.includes(name));
  const label = names.indexOf("label");
  return { label, text: text >= 0 ? text : label === 0 ? 1 : 0 };
}
