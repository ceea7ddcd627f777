import { OutputShapeError, type SchemaChunk, type TaskSpec } from "../tasks/index.ts";
import { defaultFormat } from "./default-format.ts";
import { readJson, stripFence } from "./format-helpers.ts";
import { jsonFormat, parseJsonAnswer } from "./json-format.ts";
import { labelLinesFormat } from "./label-lines-format.ts";
import { markdownTableFormat } from "./markdown-table-format.ts";
import type { OutputFormat } from "./output-format.ts";
import { plainFormat } from "./plain-format.ts";
import { pythonCallsFormat } from "./python-calls-format.ts";
import { readRows, rowsFormat } from "./rows-format.ts";
import { tupleLinesFormat } from "./tuple-lines-format.ts";

/**
 * Read a model's output in whichever format it used: JSON in any empty-value convention (fenced or
 * not), flat rows, a markdown table, tuple lines, label lines, the task's default text, or a plain
 * answer. Throws only `OutputShapeError`, naming every format tried, so a caller can count the output
 * as unparseable and keep its raw text.
 */
export function parseAnyFormat(task: TaskSpec, text: string, chunk: SchemaChunk): unknown {
  const problems: string[] = [];
  for (const attempt of attempts(task, text, chunk)) {
    try {
      return attempt.parse();
    } catch (error) {
      problems.push(`${attempt.name}: ${(error as Error)?.message ?? String(error)}`);
    }
  }
  throw new OutputShapeError(`no known format reads this ${task.name} output (${problems.join("; ")})`);
}

interface Attempt {
  name: string;
  parse: () => unknown;
}

function attempts(task: TaskSpec, text: string, chunk: SchemaChunk): Attempt[] {
  const body = typeof text === "string" ? stripFence(text) : "";
  const list: Attempt[] = [];
  if (/^[[{]/.test(body)) list.push({ name: "json", parse: () => parseJson(task, body, chunk) });
  const lineFormats: OutputFormat[] = [
    markdownTableFormat,
    tupleLinesFormat,
    pythonCallsFormat,
    labelLinesFormat,
    defaultFormat,
  ];
  for (const format of lineFormats)
    if (format.fits(task, chunk))
      list.push({ name: format.name, parse: () => format.parse(task, body, chunk) });
  if (plainFormat.fits(task, chunk))
    list.push({ name: plainFormat.name, parse: () => plainFormat.parse(task, body, chunk) });
  return list;
}

/** A JSON list is read as rows, an object as the default shape with any empty-value convention. */
function parseJson(task: TaskSpec, body: string, chunk: SchemaChunk): unknown {
  const value = readJson(body);
  if (Array.isArray(value) && rowsFormat.fits(task, chunk))
    return task.fromRows(readRows(task, value), chunk);
  if (!jsonFormat.fits(task, chunk)) return defaultFormat.parse(task, body, chunk);
  return parseJsonAnswer(task, value, chunk);
}
