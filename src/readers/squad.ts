import { codePointOffsetMapper } from "./code-point-offsets.ts";
import { guessLanguage } from "./language.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { isObject, readJsonFile } from "./read-json-file.ts";
import type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";
import { fileStem, sourceName } from "./source-name.ts";

/**
 * SQuAD-style extractive reading comprehension (SQuAD 1.1/2.0, CMRC 2018): `{data: [{paragraphs:
 * [{context, qas: [{id, question, answers: [{text, answer_start}]}]}]}]}`. One `qa` record per
 * question with its first answer and `answer_start` (a code-point offset, converted); a question
 * without answers (or `is_impossible`) gets `answer: null`.
 */
export const squadReader: DatasetReader = {
  name: "squad",
  description:
    "SQuAD-style JSON (SQuAD, CMRC 2018) → one extractive qa record per question, first answer with answer_start",
  detect(_path: string, head: string): Detection {
    if (!/^\s*\{/.test(head) || !/"data"\s*:/.test(head)) return "no";
    return /"paragraphs"\s*:/.test(head) && /"(qas|context)"\s*:/.test(head) ? "certain" : "likely";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, fileStem(path));
    const parsed = await readJsonFile(path);
    const data = parsed.ok && isObject(parsed.value) ? parsed.value.data : undefined;
    if (!Array.isArray(data)) {
      yield rejection(
        parsed.ok ? "squad: expected {data: [articles]}" : parsed.reason,
        { file: path, line: 1 },
        null,
      );
      return;
    }
    let entry = 0;
    for (const article of data) {
      for (const paragraph of arrayField(article, "paragraphs")) {
        const text = isObject(paragraph) && typeof paragraph.context === "string" ? paragraph.context : "";
        const lang = options.lang ?? guessLanguage(text);
        for (const qa of arrayField(paragraph, "qas")) {
          entry++;
          yield questionItem(qa, { text, source, lang, location: { file: path, line: entry } });
        }
      }
    }
  },
};

function arrayField(value: unknown, key: string): unknown[] {
  return isObject(value) && Array.isArray(value[key]) ? value[key] : [];
}

function questionItem(
  qa: unknown,
  context: { text: string; source: string; lang: "en" | "zh"; location: Location },
): ReadItem {
  const { text, source, lang, location } = context;
  if (!isObject(qa)) return rejection("squad: question is not an object", location, qa);
  const first = arrayField(qa, "answers")[0];
  const answerable = isObject(first) && qa.is_impossible !== true;
  const record: Record<string, unknown> = {
    kind: "qa",
    id: typeof qa.id === "string" ? qa.id : undefined,
    source,
    lang,
    text,
    question: qa.question,
    answer: answerable ? first.text : null,
  };
  if (answerable && typeof first.answer_start === "number" && first.answer_start >= 0)
    record.answer_start = codePointOffsetMapper(text)(first.answer_start);
  return checkedItem(record, location, qa);
}
