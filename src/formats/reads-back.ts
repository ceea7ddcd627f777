import { isDeepStrictEqual } from "node:util";
import type { SchemaChunk, TaskSpec } from "../tasks/index.ts";
import { isObject } from "../util/index.ts";
import type { OutputFormat } from "./output-format.ts";

/** Answers compare without regard to key order. */
export function sameAnswer(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(canonical(a), canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isObject(value))
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical(value[key])]),
    );
  return value;
}

/**
 * Whether `format` writes `answer` so that it reads back as the same answer. Flat renderings (rows,
 * tables, lines, calls) cannot tell two events of one type and trigger apart, so such an answer is never
 * given to them: an output that reads back as something else would teach the model the wrong thing.
 */
export function readsBack(
  format: OutputFormat,
  task: TaskSpec,
  answer: unknown,
  chunk: SchemaChunk,
): boolean {
  try {
    return sameAnswer(format.parse(task, format.render(task, answer, chunk), chunk), answer);
  } catch {
    return false;
  }
}
