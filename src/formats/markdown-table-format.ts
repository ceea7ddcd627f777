import type { Language } from "../records/index.ts";
import { type AnswerRow, OutputShapeError, type TaskSpec } from "../tasks/index.ts";
import { contentLines, guardParse, headerText } from "./format-helpers.ts";
import { cells, SEPARATOR_CELL, unescapeCell } from "./markdown-cells.ts";
import type { OutputFormat } from "./output-format.ts";

/** A markdown table whose header is the task's columns (paper Table 35: `| subject | predicate | object |`). */
export const markdownTableFormat: OutputFormat = {
  name: "markdown",
  fits: (task) => task.name !== "IG" && task.columns.length >= 2,
  state: (task, _chunk, lang) => ({ sentence: markdownSentence(task, lang) }),
  value: (task, answer, chunk) => markdownTable(task, task.toRows(answer, chunk)),
  render: (task, answer, chunk) => markdownTable(task, task.toRows(answer, chunk)),
  parse: (task, text, chunk) => guardParse(() => task.fromRows(readTable(task, text), chunk)),
};

function markdownTable(task: TaskSpec, rows: AnswerRow[]): string {
  const separator = `| ${task.columns.map(() => "---").join(" | ")} |`;
  const body = rows.map((row) => `| ${task.columns.map((c) => escapeCell(row[c] ?? "")).join(" | ")} |`);
  return [headerText(task.columns), separator, ...body].join("\n");
}

/** Cells keep `|` and line breaks readable and reversible: `\|`, `\n`, and `\\` for a backslash. */
function escapeCell(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r/g, "\\r").replace(/\n/g, "\\n");
}

/**
 * Rows of a markdown table. Header cells are matched to the task's columns by name (any spacing or
 * case); a header that names none of them is read by position.
 */
function readTable(task: TaskSpec, text: string): AnswerRow[] {
  const lines = contentLines(text).filter((line) => line.includes("|"));
  if (lines.length === 0) throw new OutputShapeError("no markdown table");
  const separated = lines.length > 1 && cells(lines[1]).every((cell) => SEPARATOR_CELL.test(cell));
  if (!lines[0].startsWith("|") && !separated) throw new OutputShapeError("no markdown table header");
  const header = cells(lines[0]);
  const byName = header.map((cell) => task.columns.find((c) => c.toLowerCase() === cell.toLowerCase()));
  const named = byName.some((c) => c !== undefined);
  if (!named && header.length !== task.columns.length)
    throw new OutputShapeError(`table header ${lines[0]} does not match ${headerText(task.columns)}`);
  const columns = named ? byName : [...task.columns];
  const body = lines.slice(1).filter((line) => !cells(line).every((cell) => SEPARATOR_CELL.test(cell)));
  return body.map((line) => {
    const row: AnswerRow = {};
    for (const [index, cell] of cells(line).entries()) {
      const column = columns[index];
      if (column) row[column] = unescapeCell(cell);
    }
    return row;
  });
}

function markdownSentence(task: TaskSpec, lang: Language): string {
  return lang === "zh"
    ? `请以markdown表格的格式返回结果，表头为${headerText(task.columns)}。`
    : `Please return the results in the format of a markdown table. The header is ${headerText(task.columns)}.`;
}
