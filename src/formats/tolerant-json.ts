// The tolerant reader of JSON answers: the keyed object in any empty-value convention, with entries of
// the wrong shape skipped (as IEPile's extracters skip them), or flat rows under any column names.

import type { AnswerRow, SchemaChunk, TaskSpec } from "../tasks/index.ts";
import { isObject } from "../util/index.ts";
import { isEmptyWord } from "./empty-values.ts";
import { columnFor } from "./tolerant-rows.ts";

/** A JSON value as the task's answer: the keyed object (any empty-value convention) or flat rows. */
export function answerFromJson(task: TaskSpec, value: unknown, chunk: SchemaChunk): unknown {
  if (Array.isArray(value)) return task.fromRows(jsonRows(task, value), chunk);
  if (!isObject(value)) return undefined;
  try {
    return task.parseDefault(cleanKeyed(task, value), chunk);
  } catch {
    return undefined;
  }
}

function jsonRows(task: TaskSpec, items: unknown[]): AnswerRow[] {
  return items.filter(isObject).flatMap((item) => {
    const row: AnswerRow = {};
    for (const [key, value] of Object.entries(item)) {
      const column = columnFor(task, key);
      if (column && typeof value === "string" && !isEmptyWord(value)) row[column] = value.trim();
    }
    return task.columns.every((c) => row[c] !== undefined || (task.name === "EE" && /role|argument/.test(c)))
      ? [row]
      : [];
  });
}

/** Keep what the task's parser can read: lists for any empty-value convention, entries of the right shape. */
function cleanKeyed(task: TaskSpec, object: Record<string, unknown>): Record<string, unknown> {
  const cleaned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const items = asList(value);
    if (task.name === "RE" || task.name === "SPO") cleaned[key] = items.flatMap(pairOf);
    else if (task.name === "EE") cleaned[key] = items.flatMap(eventOf);
    else if (task.name === "EEA") cleaned[key] = items.flatMap(mentionOf);
    else if (task.name === "KGE") cleaned[key] = value;
    else cleaned[key] = items.flatMap((item) => (isText(item) ? [String(item).trim()] : []));
  }
  return cleaned;
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined) return [];
  if (typeof value === "string") return isEmptyWord(value) ? [] : [value];
  return [value];
}

function isText(value: unknown): boolean {
  return (typeof value === "string" && !isEmptyWord(value)) || typeof value === "number";
}

function pairOf(item: unknown): Array<{ subject: string; object: string }> {
  if (!isObject(item)) return [];
  const subject = item.subject ?? item.head;
  const object = item.object ?? item.tail;
  return typeof subject === "string" && typeof object === "string"
    ? [{ subject: subject.trim(), object: object.trim() }]
    : [];
}

function eventOf(item: unknown): Array<{ trigger: string; arguments: unknown }> {
  if (!isObject(item) || typeof item.trigger !== "string" || isEmptyWord(item.trigger)) return [];
  return [{ trigger: item.trigger.trim(), arguments: isObject(item.arguments) ? item.arguments : {} }];
}

/** EEA: `{"trigger", "arguments"}`, or a bare role map as IEPile's converter code writes it. */
function mentionOf(item: unknown): Array<{ trigger: string; arguments: unknown }> {
  if (!isObject(item)) return [];
  if (isObject(item.arguments))
    return [
      { trigger: typeof item.trigger === "string" ? item.trigger.trim() : "", arguments: item.arguments },
    ];
  return [{ trigger: "", arguments: item }];
}
