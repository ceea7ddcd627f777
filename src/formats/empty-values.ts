import type { TaskSpec } from "../tasks/index.ts";
import { isObject } from "../util/index.ts";
import { isKeyedTask } from "./format-helpers.ts";

/** How a label without results is written in JSON (paper §3.3: "", "NAN" and [] all occur). */
export type EmptyConvention = "list" | "empty-string" | "nan" | "omit";

/**
 * Words models write for "nothing here", in every format: one list for the whole output-reading stack
 * (JSON empty-value conventions, table cells, tuple and label lines).
 */
const EMPTY_WORDS = new Set(["", "-", "nan", "none", "null", "n/a", "无", "没有", "[]"]);

export function isEmptyWord(text: string): boolean {
  return EMPTY_WORDS.has(text.trim().toLowerCase());
}

/** KGE answers map each type to an object of entities; the other keyed tasks to a list. */
function emptyValue(task: TaskSpec): unknown {
  return task.name === "KGE" ? {} : [];
}

/** An empty list or object: a label with nothing found. */
export function isEmptyCollection(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

/** The default JSON value with each empty label written in the given convention. */
export function applyEmptyConvention(value: unknown, convention: EmptyConvention): unknown {
  if (convention === "list" || !isObject(value)) return value;
  const written: Record<string, unknown> = {};
  for (const [label, result] of Object.entries(value)) {
    if (!isEmptyCollection(result)) written[label] = result;
    else if (convention === "empty-string") written[label] = "";
    else if (convention === "nan") written[label] = "NAN";
  }
  return written;
}

/**
 * Undo any empty-value convention: `""`, `"NAN"` and `null` become the task's empty value. An answer
 * with none of them is returned as it is (scoring reads one per output), unless it has an own
 * `__proto__` key, which the copy has always left out.
 */
export function restoreEmptyValues(task: TaskSpec, value: unknown): unknown {
  if (!isKeyedTask(task) || !isObject(value)) return value;
  const isEmpty = (result: unknown) => result === null || (typeof result === "string" && isEmptyWord(result));
  if (!Object.hasOwn(value, "__proto__") && !Object.values(value).some(isEmpty)) return value;
  const restored: Record<string, unknown> = {};
  for (const [label, result] of Object.entries(value))
    restored[label] = isEmpty(result) ? emptyValue(task) : result;
  return restored;
}
