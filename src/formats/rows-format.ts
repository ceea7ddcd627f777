import type { Language } from "../records/index.ts";
import { type AnswerRow, expectArray, expectObject, NOT_MENTIONED, type TaskSpec } from "../tasks/index.ts";
import { guardParse, outputText, readJson } from "./format-helpers.ts";
import type { OutputFormat } from "./output-format.ts";

/** Flat JSON rows, one object per result with the task's columns: `[{"type": …, "entity": …}]`. */
export const rowsFormat: OutputFormat = {
  name: "rows",
  fits: (task) => task.name !== "IG",
  state: (task, _chunk, lang) => ({ sentence: rowsSentence(task, lang) }),
  value: (task, answer, chunk) => orderedRows(task, task.toRows(answer, chunk)),
  render: (task, answer, chunk) => outputText(orderedRows(task, task.toRows(answer, chunk))),
  parse: (task, text, chunk) => guardParse(() => task.fromRows(readRows(task, readJson(text)), chunk)),
};

/** Rows with keys in column order, so the bytes never depend on how a task built them. */
function orderedRows(task: TaskSpec, rows: AnswerRow[]): AnswerRow[] {
  return rows.map((row) => {
    const ordered: AnswerRow = {};
    for (const column of task.columns) if (row[column] !== undefined) ordered[column] = row[column];
    return ordered;
  });
}

/** Rows from parsed JSON: column names matched case-insensitively, scalar values read as text. */
export function readRows(task: TaskSpec, value: unknown): AnswerRow[] {
  const columns = new Map(task.columns.map((c) => [c.toLowerCase(), c]));
  return expectArray(value, "rows").map((item) => {
    const row: AnswerRow = {};
    for (const [key, cell] of Object.entries(expectObject(item, "a row"))) {
      const column = columns.get(key.trim().toLowerCase());
      if (column && cell !== null && cell !== undefined) row[column] = String(cell);
    }
    return row;
  });
}

function rowsSentence(task: TaskSpec, lang: Language): string {
  const keys = task.columns.map((c) => JSON.stringify(c)).join(", ");
  // MRC always writes one row: an unanswerable question's row holds the "no answer" marker, not [].
  const none =
    task.name === "MRC"
      ? JSON.stringify([{ [task.columns[0]]: NOT_MENTIONED[lang] }]).replace(/":"/g, '": "')
      : "[]";
  return lang === "zh"
    ? `请以JSON列表的格式回答，每个结果一个对象，键为${keys}；没有结果时返回${none}。`
    : `Please respond with a JSON list holding one object per result, with the keys ${keys}; return ${none} if there is no result.`;
}
