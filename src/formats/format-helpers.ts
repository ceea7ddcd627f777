import { OutputShapeError, type SchemaChunk, type TaskSpec } from "../tasks/index.ts";
import { pythonJson } from "../util/index.ts";
import { isEmptyWord } from "./empty-values.ts";
import { parseStrict } from "./json-locator.ts";

/** The output text of a rendered value: strings as they are, JSON values as IEPile serialises them. */
export function outputText(value: unknown): string {
  return typeof value === "string" ? value : pythonJson(value);
}

/** Tasks whose answer is an object keyed by the chunk's labels (the IE tasks). */
export function isKeyedTask(task: TaskSpec): boolean {
  return task.style === "json";
}

/** MRC and TC can answer either as JSON (`{"answer": …}`) or as plain text. */
export function answersEitherWay(task: TaskSpec): boolean {
  return task.name === "MRC" || task.name === "TC";
}

/** Whether the task's default output for this chunk is text rather than a JSON value. */
export function defaultIsText(task: TaskSpec, chunk: SchemaChunk): boolean {
  if (task.name === "OpenIE" || task.name === "IG") return true;
  return answersEitherWay(task) && chunk.plain === true;
}

/** The same chunk, asking for the JSON answer of MRC and TC. */
export function jsonChunk(chunk: SchemaChunk): SchemaChunk {
  return chunk.plain ? { ...chunk, plain: false } : chunk;
}

/** The same chunk, asking for the plain answer of MRC and TC. */
export function plainChunk(chunk: SchemaChunk): SchemaChunk {
  return chunk.plain ? chunk : { ...chunk, plain: true };
}

/** Drop a surrounding Markdown code fence (```json … ```), which models often add. */
export function stripFence(text: string): string {
  const trimmed = text.trim();
  const fenced = /^```[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```$/.exec(trimmed);
  return fenced ? fenced[1].trim() : trimmed;
}

/** Parse JSON text (fences allowed); anything unreadable is an `OutputShapeError`. */
export function readJson(text: string): unknown {
  const body = stripFence(text);
  const value = parseStrict(body);
  if (value === undefined) throw new OutputShapeError(`not JSON: ${body.slice(0, 60)}`);
  return value;
}

/** Run a parser so that every failure surfaces as an `OutputShapeError` (callers catch only that). */
export function guardParse<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof OutputShapeError) throw error;
    throw new OutputShapeError((error as Error)?.message ?? String(error));
  }
}

/** The columns as a header text: `| subject | predicate | object |`. */
export function headerText(columns: readonly string[]): string {
  return `| ${columns.join(" | ")} |`;
}

/** Non-empty lines of a text, trimmed, with `\r` removed. */
export function contentLines(text: string): string[] {
  return stripFence(text)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** Words models write for "nothing here" in text formats (the one list of formats/empty-values.ts). */
export function isNothing(text: string): boolean {
  return text.trim() !== "" && isEmptyWord(text);
}
