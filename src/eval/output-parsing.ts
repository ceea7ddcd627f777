import { FORMATS, parseAnyFormat } from "../formats/index.ts";
import {
  type AnswerRow,
  isObject,
  type SchemaChunk,
  type ScoreTuple,
  type TaskSpec,
} from "../tasks/index.ts";
import { choiceTuples } from "./choice-answer.ts";
import { findJson } from "./json-extraction.ts";
import { columnFor, isEmptyValue, lineRows, markdownRows } from "./row-parsing.ts";

/** What one output contributes: its tuples (EE also argument tuples), or why it could not be read. */
export type ParsedOutput =
  | {
      ok: true;
      tuples: ScoreTuple[];
      argumentTuples: ScoreTuple[];
      how: string;
      /** The labels the chunk asked: tuples of other labels are dropped before scoring. */
      askedLabels?: readonly string[];
    }
  | { ok: false; reason: string };

/**
 * Read a model's answer in whatever format it came. IE tasks try, in order: the format the instruction
 * asked for; any registered format (src/formats) on the JSON found in the text (whole, fenced, after
 * prose, repaired) or on the text itself; then this module's own tolerant readers (JSON in any
 * empty-value convention, flat rows, markdown tables, text lines). MRC and TC answers are matched to
 * their choices. Malformed entries inside a readable answer are skipped, as IEPile's extracters do.
 */
export function parseOutput(task: TaskSpec, text: string, chunk: SchemaChunk, format?: string): ParsedOutput {
  if (task.style === "text") return choiceTuples(task, text, chunk, "tolerant");
  const asked = format ? FORMATS.find((f) => f.name === format) : undefined;
  const exact = asked ? attempt(() => asked.parse(task, text, chunk)) : undefined;
  if (asked && exact !== undefined) return scored(task, exact, "asked-format");
  const found = findJson(text);
  if (found) {
    const how = `${JSON_READ_AS[found.location]}${found.repaired ? "-repaired" : ""}`;
    const registered = attempt(() => parseAnyFormat(task, JSON.stringify(found.value), chunk));
    if (registered !== undefined) return scored(task, registered, how);
    const answer = answerFromJson(task, found.value, chunk);
    if (answer !== undefined) return scored(task, answer, how);
  }
  const registered = found ? undefined : attempt(() => parseAnyFormat(task, text, chunk));
  if (registered !== undefined) return scored(task, registered, "other-format");
  const table = markdownRows(task, text);
  if (table) return scored(task, task.fromRows(table, chunk), "markdown-table");
  const lines = lineRows(task, text, chunk);
  if (lines && lines.length > 0) return scored(task, task.fromRows(lines, chunk), "text-lines");
  return { ok: false, reason: found ? "JSON not in the task's shape" : "no answer found" };
}

/** How a report names the place JSON was found: the whole output, a fenced block, or amid prose. */
const JSON_READ_AS = { whole: "json", fenced: "json-fenced", embedded: "json-in-prose" } as const;

/** The parse's answer, or undefined when it throws (every format throws on text it cannot read). */
function attempt(parse: () => unknown): unknown {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

function scored(task: TaskSpec, answer: unknown, how: string): ParsedOutput {
  return { ok: true, tuples: task.tuples(answer), argumentTuples: task.argumentTuples?.(answer) ?? [], how };
}

/** A JSON value as the task's answer: the keyed object (any empty-value convention) or flat rows. */
function answerFromJson(task: TaskSpec, value: unknown, chunk: SchemaChunk): unknown {
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
      if (column && typeof value === "string" && !isEmptyValue(value)) row[column] = value.trim();
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
    else cleaned[key] = items.flatMap((item) => (isText(item) ? [String(item).trim()] : []));
  }
  return cleaned;
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined) return [];
  if (typeof value === "string") return isEmptyValue(value) ? [] : [value];
  return [value];
}

function isText(value: unknown): boolean {
  return (typeof value === "string" && !isEmptyValue(value)) || typeof value === "number";
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
  if (!isObject(item) || typeof item.trigger !== "string" || isEmptyValue(item.trigger)) return [];
  return [{ trigger: item.trigger.trim(), arguments: isObject(item.arguments) ? item.arguments : {} }];
}
