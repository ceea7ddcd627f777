import type { Language } from "../records/index.ts";
import { type AnswerRow, OutputShapeError, type TaskSpec } from "../tasks/index.ts";
import { readValues, writeValue } from "./delimited-values.ts";
import { contentLines, guardParse, isNothing } from "./format-helpers.ts";
import type { OutputFormat } from "./output-format.ts";

/** What a line format writes when there is no result. */
export const NO_RESULT = "NAN";

/** One result per line as a tuple of the task's columns: `(subject, predicate, object)`. */
export const tupleLinesFormat: OutputFormat = {
  name: "tuple-lines",
  fits: (task) => task.name !== "IG" && task.columns.length >= 2,
  state: (task, _chunk, lang) => ({ sentence: tupleSentence(task, lang) }),
  value: (task, answer, chunk) => tupleLines(task, task.toRows(answer, chunk)),
  render: (task, answer, chunk) => tupleLines(task, task.toRows(answer, chunk)),
  parse: (task, text, chunk) => guardParse(() => task.fromRows(readTuples(task, text), chunk)),
};

function tupleLines(task: TaskSpec, rows: AnswerRow[]): string {
  if (rows.length === 0) return NO_RESULT;
  return rows.map((row) => `(${task.columns.map((c) => writeValue(row[c] ?? "")).join(", ")})`).join("\n");
}

function readTuples(task: TaskSpec, text: string): AnswerRow[] {
  const lines = contentLines(text);
  if (lines.length === 1 && isNothing(lines[0])) return [];
  return lines.map((line) => {
    const inner = /^\((.*)\)[,;.]?$/s.exec(line)?.[1];
    if (inner === undefined) throw new OutputShapeError(`not a tuple line: ${line}`);
    const values = readValues(inner);
    if (values.length !== task.columns.length)
      throw new OutputShapeError(`expected ${task.columns.length} values in ${line}`);
    const row: AnswerRow = {};
    for (const [index, column] of task.columns.entries())
      if (values[index] !== "") row[column] = values[index];
    return fillBlanks(task, row);
  });
}

/** Tasks read absent cells of their rows as empty strings (an event without arguments). */
function fillBlanks(task: TaskSpec, row: AnswerRow): AnswerRow {
  if (task.name === "OpenIE") return row;
  for (const column of task.columns) row[column] ??= "";
  return row;
}

function tupleSentence(task: TaskSpec, lang: Language): string {
  const shape = `(${task.columns.join(", ")})`;
  return lang === "zh"
    ? `请每行返回一个结果，格式为${shape}，没有结果时返回${NO_RESULT}。`
    : `Please return each result on its own line in the form ${shape}, and write ${NO_RESULT} if there is no result.`;
}
