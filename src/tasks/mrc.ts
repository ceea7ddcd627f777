import type { Language, QaRecord } from "../records/index.ts";
import { pythonJson } from "../util/index.ts";
import { expectObject, OutputShapeError, type SchemaChunk, type TaskSpec } from "./task.ts";

/** MRC answer: the answer text, or null when the passage does not answer the question. */
export interface MrcAnswer {
  answer: string | null;
}

/**
 * What an unanswerable question's output says, in the instruction's language: the paper's English
 * marker, and its Chinese counterpart so that a Chinese instruction holds no English literal.
 */
export const NOT_MENTIONED: Readonly<Record<Language, string>> = { en: "Not mentioned", zh: "未提及" };

/** The marker an MRC chunk writes (a chunk names its language when it is not English). */
export function notMentioned(chunk?: SchemaChunk): string {
  return NOT_MENTIONED[chunk?.lang ?? "en"];
}

/** Reading accepts either marker, whatever the language: models answer in either. */
export function isNotMentioned(text: string): boolean {
  return Object.values(NOT_MENTIONED).includes(text.trim());
}

const EXTRACTIVE = {
  en: `Please answer the question in question based on the content in input. If there is no answer in input, return: ${NOT_MENTIONED.en}.`,
  zh: `请根据input中的内容回答question中的问题。如果input中没有答案，请返回：${NOT_MENTIONED.zh}。`,
};

const MULTIPLE_CHOICE = {
  en: "Based on the understanding of the input content and the candidate answers provided in the choice, answer the question. Note that the generated answer must come from the choices, directly output the answer without any extra content.",
  zh: "请基于对input内容的理解以及choice中给出的候选答案回答question中的问题。注意答案必须来自choice，直接输出答案，不要输出任何其他内容。",
};

/** Reading comprehension: extractive (JSON answer) or multiple choice (the choice as plain text). */
export const mrc: TaskSpec<QaRecord, MrcAnswer> = {
  name: "MRC",
  recordKind: "qa",
  style: "text",
  template: EXTRACTIVE,
  columns: ["answer"],
  applies: () => true,
  universe: () => [],
  positives: () => [],
  refineChunk: (_labels, record, context) => {
    const chunk: SchemaChunk = record.choices ? { labels: record.choices, plain: true } : { labels: [] };
    if (context.lang !== "en") chunk.lang = context.lang;
    return chunk;
  },
  schema: (chunk) => chunk.labels,
  answer: (record) => ({ answer: record.answer }),
  textInstruction(record, chunk, context) {
    const lines = [chunk.plain ? MULTIPLE_CHOICE[context.lang] : EXTRACTIVE[context.lang]];
    lines.push(`input: ${record.text}`, `question: ${record.question}`);
    if (chunk.plain) lines.push(`choice: ${pythonJson(chunk.labels)}`);
    return lines.join("\n");
  },
  renderDefault: (answer, chunk) => {
    const text = answer.answer ?? notMentioned(chunk);
    return chunk.plain ? text : { answer: text };
  },
  parseDefault(value, chunk) {
    const text = chunk.plain && typeof value === "string" ? value : expectObject(value, "MRC output").answer;
    if (typeof text !== "string") throw new OutputShapeError("MRC answer must be a string");
    const answer = text.trim();
    return { answer: isNotMentioned(answer) ? null : answer };
  },
  input: (record) => record.text,
  toRows: (answer, chunk) => [{ answer: answer.answer ?? notMentioned(chunk) }],
  fromRows: (rows) => ({ answer: rows[0] && !isNotMentioned(rows[0].answer) ? rows[0].answer : null }),
  // Scored on the parsed answer, so either marker scores as the same unanswerable tuple.
  tuples: (answer) => [[answer.answer ?? NOT_MENTIONED.en]],
};
