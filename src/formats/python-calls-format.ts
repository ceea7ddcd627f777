import type { Language } from "../records/index.ts";
import { type AnswerRow, OutputShapeError, type TaskSpec } from "../tasks/index.ts";
import { contentLines, guardParse, isNothing } from "./format-helpers.ts";
import type { OutputFormat } from "./output-format.ts";

/** The function every result line calls. */
const CALL = "result";

/**
 * A code rendering (paper §3.3 asks for outputs beyond JSON): one Python function call per result with
 * the task's columns as keyword arguments, `result(subject="…", predicate="…", object="…")`, and `None`
 * when there is none. Values are written as JSON strings, which Python reads as the same strings.
 */
export const pythonCallsFormat: OutputFormat = {
  name: "python-calls",
  fits: (task) => task.name !== "IG" && task.columns.length >= 2,
  state: (task, _chunk, lang) => ({ sentence: callsSentence(task, lang) }),
  value: (task, answer, chunk) => calls(task, task.toRows(answer, chunk)),
  render: (task, answer, chunk) => calls(task, task.toRows(answer, chunk)),
  parse: (task, text, chunk) => guardParse(() => task.fromRows(readCalls(task, text), chunk)),
};

function calls(task: TaskSpec, rows: AnswerRow[]): string {
  if (rows.length === 0) return "None";
  return rows
    .map((row) => {
      const args = task.columns
        .filter((column) => row[column] !== undefined)
        .map((column) => `${column}=${JSON.stringify(row[column])}`);
      return `${CALL}(${args.join(", ")})`;
    })
    .join("\n");
}

function readCalls(task: TaskSpec, text: string): AnswerRow[] {
  const lines = contentLines(text);
  if (lines.length === 1 && isNothing(lines[0])) return [];
  return lines.map((line) => {
    const inner = /^\w+\((.*)\)$/s.exec(line)?.[1];
    if (inner === undefined) throw new OutputShapeError(`not a function call: ${line}`);
    const row: AnswerRow = {};
    for (const [name, value] of keywordArguments(inner)) {
      const column = task.columns.find((c) => c.toLowerCase() === name.toLowerCase());
      if (column) row[column] = value;
    }
    for (const column of task.columns) if (task.name !== "OpenIE") row[column] ??= "";
    return row;
  });
}

/** `name="value", name2="value2"`: names, then JSON string literals (single quotes read too). */
function keywordArguments(text: string): Array<[string, string]> {
  const args: Array<[string, string]> = [];
  let rest = text.trim();
  while (rest !== "") {
    const head = /^(\w+)\s*=\s*/.exec(rest);
    if (!head) throw new OutputShapeError(`not a keyword argument: ${rest}`);
    rest = rest.slice(head[0].length);
    const quote = rest[0];
    if (quote !== '"' && quote !== "'") throw new OutputShapeError(`not a string: ${rest}`);
    let end = 1;
    while (end < rest.length && rest[end] !== quote) end += rest[end] === "\\" ? 2 : 1;
    if (end >= rest.length) throw new OutputShapeError(`unterminated string: ${rest}`);
    const literal = rest.slice(0, end + 1);
    const body =
      quote === '"' ? literal : `"${literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`;
    try {
      args.push([head[1], JSON.parse(body) as string]);
    } catch {
      throw new OutputShapeError(`not a string literal: ${literal}`);
    }
    rest = rest.slice(end + 1).replace(/^\s*,\s*/, "");
  }
  return args;
}

function callsSentence(task: TaskSpec, lang: Language): string {
  const shape = `${CALL}(${task.columns.map((c) => `${c}="…"`).join(", ")})`;
  return lang === "zh"
    ? `请把每个结果写成一行Python函数调用，形如${shape}；没有结果时写None。`
    : `Please write each result as a Python function call, one per line, in the form ${shape}; write None if there is no result.`;
}
