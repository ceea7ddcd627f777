import type { QaRecord } from "../records/index.ts";
import { pythonJson } from "../util/python-json.ts";
import { expectObject, OutputShapeError, type TaskSpec } from "./task.ts";

/** MRC answer: the answer text, or null when the passage does not answer the question. */
export interface MrcAnswer {
  answer: string | null;
}

/** What an unanswerable question's output says. */
export const NOT_MENTIONED = "Not mentioned";

const EXTRACTIVE = {
  en: `Please answer the question in question based on the content in input. If there is no answer in input, return: ${NOT_MENTIONED}.`,
  zh: `请根据input中的内容回答question中的问题。如果input中没有答案，请返回：${NOT_MENTIONED}。`,
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
  refineChunk: (_labels, record) =>
    record.choices ? { labels: record.choices, plain: true } : { labels: [] },
  schema: (chunk) => chunk.labels,
  answer: (record) => ({ answer: record.answer }),
  textInstruction(record, chunk, context) {
    const lines = [chunk.plain ? MULTIPLE_CHOICE[context.lang] : EXTRACTIVE[context.lang]];
    lines.push(`input: ${record.text}`, `question: ${record.question}`);
    if (chunk.plain) lines.push(`choice: ${pythonJson(chunk.labels)}`);
    return lines.join("\n");
  },
  renderDefault: (answer, chunk) =>
    chunk.plain ? (answer.answer ?? NOT_MENTIONED) : { answer: answer.answer ?? NOT_MENTIONED },
  parseDefault(value, chunk) {
    const text = chunk.plain && typeof value === "string" ? value : expectObject(value, "MRC output").answer;
    if (typeof text !== "string") throw new OutputShapeError("MRC answer must be a string");
    const answer = text.trim();
    return { answer: answer === NOT_MENTIONED ? null : answer };
  },
  input: (record) => record.text,
  toRows: (answer) => [{ answer: answer.answer ?? NOT_MENTIONED }],
  fromRows: (rows) => ({ answer: rows[0] && rows[0].answer !== NOT_MENTIONED ? rows[0].answer : null }),
  tuples: (answer) => [[answer.answer ?? NOT_MENTIONED]],
};
