import type { SchemaChunk, TaskSpec } from "../tasks/index.ts";
import { isObject } from "../util/index.ts";
import type { OutputFormat } from "./output-format.ts";

/**
 * Answers compare without regard to key order: arrays item by item, objects by their own enumerable
 * keys, everything else by `Object.is` (as `isDeepStrictEqual` compares).
 */
export function sameAnswer(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameAnswer(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) if (!Object.hasOwn(b, key) || !sameAnswer(a[key], b[key])) return false;
    return true;
  }
  return Object.is(a, b);
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
