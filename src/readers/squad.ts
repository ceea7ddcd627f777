import { isObject } from "../util/index.ts";
import { codePointOffsetMapper } from "./code-point-offsets.ts";
import { guessLanguage } from "./language.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { readJsonFile } from "./read-json-file.ts";
import type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";
import { fileStem, sourceName } from "./source-name.ts";

/** How far from its `answer_start` an answer is looked for when the offset does not hold it. */
const NEARBY = 8;

/**
 * SQuAD-style extractive reading comprehension (SQuAD 1.1/2.0, CMRC 2018): `{data: [{paragraphs:
 * [{context, qas: [{id, question, answers: [{text, answer_start}]}]}]}]}`. One `qa` record per
 * question with its first answer and `answer_start`; a question without answers (or `is_impossible`)
 * gets `answer: null`. Files count `answer_start` in UTF-16 units (JavaScript, SQuAD's own tools on
 * BMP text) or in code points (Python); each answer is checked at its offset, then at the offset read
 * in the other unit, then at the nearest occurrence within a few characters (each counted in a note),
 * and rejected when none holds it. An article or paragraph whose keys are not SQuAD's is rejected,
 * never skipped.
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
    const next = () => ({ file: path, line: ++entry });
    for (const [a, article] of data.entries()) {
      if (!isObject(article) || !Array.isArray(article.paragraphs)) {
        yield rejection(
          `squad: article ${a} has no paragraphs list (keys: ${keysOf(article)})`,
          next(),
          article,
        );
        continue;
      }
      for (const [p, paragraph] of article.paragraphs.entries()) {
        if (!isObject(paragraph) || typeof paragraph.context !== "string" || !Array.isArray(paragraph.qas)) {
          const reason = `squad: article ${a} paragraph ${p} lacks a context string or a qas list (keys: ${keysOf(paragraph)})`;
          yield rejection(reason, next(), paragraph);
          continue;
        }
        const text = paragraph.context;
        const lang = options.lang ?? guessLanguage(text);
        for (const qa of paragraph.qas)
          yield questionItem(qa, { text, source, lang, location: next() }, options);
      }
    }
  },
};

function keysOf(value: unknown): string {
  return isObject(value) ? Object.keys(value).join(", ") || "none" : JSON.stringify(value ?? null);
}

function questionItem(
  qa: unknown,
  context: { text: string; source: string; lang: "en" | "zh"; location: Location },
  options: ReadOptions,
): ReadItem {
  const { text, source, lang, location } = context;
  if (!isObject(qa)) return rejection("squad: question is not an object", location, qa);
  const impossible = qa.is_impossible === true;
  if (!Array.isArray(qa.answers) && !impossible)
    return rejection(`squad: question has no answers list (keys: ${keysOf(qa)})`, location, qa);
  const first = impossible ? undefined : (qa.answers as unknown[])[0];
  const record: Record<string, unknown> = {
    kind: "qa",
    id: typeof qa.id === "string" ? qa.id : undefined,
    source,
    lang,
    text,
    question: qa.question,
    answer: null,
  };
  if (first === undefined) return checkedItem(record, location, qa);
  if (!isObject(first) || typeof first.text !== "string")
    return rejection("squad: first answer has no text", location, qa);
  record.answer = first.text;
  const start = first.answer_start;
  if (start === undefined) return checkedItem(record, location, qa);
  if (typeof start !== "number" || !Number.isInteger(start) || start < 0)
    return rejection(
      `squad: answer_start ${JSON.stringify(start)} is not a non-negative integer`,
      location,
      qa,
    );
  const found = locateAnswer(text, first.text, start);
  if (found.note) options.notes?.add(found.note);
  record.answer_start = found.start;
  return checkedItem(record, location, qa);
}

/**
 * Where the answer is: at `start` read as UTF-16 units, or as code points, or the nearest occurrence
 * within NEARBY characters of either. Failing all, `start` itself, which verification then rejects.
 */
export function locateAnswer(text: string, answer: string, start: number): { start: number; note?: string } {
  const holds = (at: number) => text.slice(at, at + answer.length) === answer;
  if (holds(start)) return { start };
  const codePoints = codePointOffsetMapper(text)(start);
  if (holds(codePoints)) return { start: codePoints, note: "squad: answer_start counted in code points" };
  for (let distance = 1; distance <= NEARBY; distance++)
    for (const at of [start - distance, start + distance, codePoints - distance, codePoints + distance])
      if (at >= 0 && holds(at))
        return { start: at, note: "squad: answer_start moved to the answer a few characters away" };
  return { start };
}
