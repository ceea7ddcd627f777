import { readFile } from "node:fs/promises";
import { invalidText } from "../io/index.ts";
import { errorMessage } from "./read-item.ts";
import { readLines } from "./read-lines.ts";

export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * A whole JSON file, parsed (byte-order mark removed). Failure is a value, not an exception: a
 * malformed file becomes one rejection, never a crash of the run.
 */
export async function readJsonFile(path: string): Promise<JsonResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { ok: false, reason: `unreadable file: ${errorMessage(error)}` };
  }
  const invalid = invalidText(bytes);
  if (invalid) return { ok: false, reason: invalid };
  return parseJson(bytes.toString("utf8").replace(/^\uFEFF/, ""));
}

export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${errorMessage(error)}` };
  }
}

/** The non-blank lines of a JSON Lines file, each parsed or with the reason it is not JSON. */
export async function* readJsonLines(
  path: string,
): AsyncIterable<{ line: number; text: string } & JsonResult> {
  for await (const { line, text, invalid } of readLines(path)) {
    if (invalid) yield { line, text, ok: false, reason: invalid };
    else if (text.trim() !== "") yield { line, text, ...parseJson(text) };
  }
}
