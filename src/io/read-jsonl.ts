import type { z } from "zod";
import { DataError } from "./errors.ts";
import { readLines } from "./read-lines.ts";

/** A line of a JSONL file: its value when it is valid, or the reason it is not and its text. */
export type JsonlItem<T> =
  | { ok: true; line: number; value: T }
  | { ok: false; line: number; reason: string; text: string };

/**
 * Every non-blank line of a JSONL file, parsed and checked against `schema` (any value when absent).
 * Bad lines (bad bytes, not JSON, not the schema's shape) are items with a reason, for callers that
 * reject them and carry on.
 */
export async function* readJsonlItems<T = unknown>(
  path: string,
  schema?: z.ZodType<T>,
): AsyncIterable<JsonlItem<T>> {
  for await (const { line, text, invalid } of readLines(path)) {
    if (invalid) {
      yield { ok: false, line, reason: invalid, text };
      continue;
    }
    if (text.trim() === "") continue;
    const parsed = parseJsonLine(text, schema);
    if (parsed.ok) yield { ok: true, line, value: parsed.value };
    else yield { ok: false, line, reason: parsed.reason, text };
  }
}

/**
 * The values of a JSONL file read at a boundary (eval sets, predictions, results): the first bad line
 * stops the read with a DataError `file:line: reason`.
 */
export async function* readJsonl<T = unknown>(
  path: string,
  schema?: z.ZodType<T>,
): AsyncIterable<{ line: number; value: T }> {
  for await (const item of readJsonlItems(path, schema)) {
    if (!item.ok) throw new DataError(path, item.line, item.reason);
    yield { line: item.line, value: item.value };
  }
}

/** One line of JSON checked against a schema; failure is a reason, never an exception. */
export function parseJsonLine<T>(
  text: string,
  schema?: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (!schema) return { ok: true, value: value as T };
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, reason: describeIssues(result.error.issues) };
}

/** zod issues as one line: `label: expected object, received undefined; output: …`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "line"}: ${issue.message}`)
    .join("; ");
}
