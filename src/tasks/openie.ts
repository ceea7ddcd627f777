import type { OpenTuple, TuplesRecord } from "../records/index.ts";
import { type AnswerRow, OutputShapeError, type TaskSpec } from "./task.ts";

/** OpenIE answer: the tuples, in the order they appear in the text. */
export type OpenIeAnswer = OpenTuple[];

const ELEMENTS = ["subject", "predicate", "object", "time", "location"] as const;

export const openie: TaskSpec<TuplesRecord, OpenIeAnswer> = {
  name: "OpenIE",
  recordKind: "tuples",
  style: "text",
  template: {
    en: 'You are an expert in open information extraction. Below is a text. Please extract the elements of subject, predicate, object, time, and location from the text. Return them in the format: {"subject":[subject], "predicate":[predicate], "object":[object], "time":[time], "location":[location]}, arranged in the order they appear in the text. Do not output elements that do not exist.',
    zh: '你是开放信息抽取专家。下面是一段文本。请从文本中抽取主语(subject)、谓语(predicate)、宾语(object)、时间(time)和地点(location)这些要素，按照在文本中出现的顺序，以如下格式返回：{"subject":[subject], "predicate":[predicate], "object":[object], "time":[time], "location":[location]}。不存在的要素不要输出。',
  },
  columns: ELEMENTS,
  applies: (record) => record.tuples.length > 0,
  universe: () => [],
  positives: () => [],
  schema: () => [],
  answer: (record) =>
    [...record.tuples].sort((a, b) => firstIndex(record.text, a) - firstIndex(record.text, b)),
  textInstruction: (record, _chunk, context) => `${openie.template[context.lang]}\nInput:${record.text}`,
  renderDefault: (answer) => answer.map(renderTuple).join("\n"),
  parseDefault(value) {
    if (typeof value !== "string") throw new OutputShapeError("OpenIE output must be text lines");
    return value
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map(parseTuple);
  },
  input: (record) => record.text,
  toRows: (answer) =>
    answer.map((t) => Object.fromEntries(ELEMENTS.filter((e) => t[e] !== undefined).map((e) => [e, t[e]!]))),
  fromRows: (rows: readonly AnswerRow[]) => rows.map(tupleFromRow),
  tuples: (answer) => answer.map((t) => ELEMENTS.map((e) => t[e] ?? "")),
};

function firstIndex(text: string, tuple: OpenTuple): number {
  const index = text.indexOf(tuple.subject);
  return index < 0 ? text.length : index;
}

/** `("Defoe":[subject], "'s":[predicate], "A Review":[object])`, elements in fixed order. */
function renderTuple(tuple: OpenTuple): string {
  const parts = ELEMENTS.filter((e) => tuple[e] !== undefined).map(
    (e) => `${JSON.stringify(tuple[e])}:[${e}]`,
  );
  return `(${parts.join(", ")})`;
}

const ELEMENT_PATTERN = /("(?:[^"\\]|\\.)*")\s*:\s*\[(subject|predicate|object|time|location)\]/g;

function parseTuple(line: string): OpenTuple {
  const row: AnswerRow = {};
  for (const [, quoted, element] of line.matchAll(ELEMENT_PATTERN))
    row[element] = JSON.parse(quoted) as string;
  if (!row.subject || !row.predicate) throw new OutputShapeError(`not an OpenIE tuple: ${line}`);
  return tupleFromRow(row);
}

function tupleFromRow(row: AnswerRow): OpenTuple {
  const tuple: OpenTuple = { subject: row.subject, predicate: row.predicate };
  for (const e of ["object", "time", "location"] as const) if (row[e]) tuple[e] = row[e];
  return tuple;
}
