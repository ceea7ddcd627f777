import { parseStrict } from "../formats/index.ts";
import { MISSING, type SchemaChunk, type ScoreTuple, type TaskSpec } from "../tasks/index.ts";
import { isObject } from "../util/index.ts";
import { choiceTuples } from "./choice-answer.ts";
import type { ParsedOutput } from "./output-parsing.ts";

/**
 * IEPile's extracters, for `--compat iepile`: the whole output must be a JSON object as Python's
 * `json.loads` reads it (NaN and Infinity included; a fenced block or prose around it is an error);
 * inner entries of the wrong shape are skipped; nothing is deduplicated (a repeated entity is two
 * predictions). Corner cases as IEPile: a missing `subject`/`object`/`trigger` reads as "", a null
 * (or other non-string) one skips the entry; an argument value that is not a string (null, a number,
 * an object) is a prediction that matches no gold. Where IEPile crashes (EE `"arguments": null` or a
 * list, EET's missing `post_process`) the event counts without arguments and EET reads as NER.
 */
export function parseIepileOutput(task: TaskSpec, text: string, _chunk: SchemaChunk): ParsedOutput {
  if (task.style === "text") return choiceTuples(task, text, _chunk, "exact");
  const value = parseStrict(text);
  if (value === undefined) return { ok: false, reason: "json decode error" };
  if (!isObject(value)) return { ok: false, reason: "type(rst) != dict" };
  const tuples: ScoreTuple[] = [];
  const argumentTuples: ScoreTuple[] = [];
  for (const [key, values] of Object.entries(value)) {
    if (!Array.isArray(values)) continue;
    for (const item of values) {
      if (task.name === "RE" || task.name === "SPO") relationTuple(key, item, tuples);
      else if (task.name === "EE") eventTuples(key, item, tuples, argumentTuples);
      else if (task.name === "EEA") mentionTuples(key, item, tuples);
      else if (typeof item === "string") tuples.push([key, item]);
    }
  }
  return { ok: true, tuples, argumentTuples, how: "json" };
}

/** A value IEPile would compare as it is: strings stay, anything else can never equal a gold string. */
function pythonValue(value: unknown): string {
  return typeof value === "string" ? value : `\u0000${JSON.stringify(value) ?? "null"}`;
}

function relationTuple(relation: string, item: unknown, tuples: ScoreTuple[]): void {
  if (!isObject(item)) return;
  const subject = item.subject === undefined ? "" : item.subject;
  const object = item.object === undefined ? "" : item.object;
  if (typeof subject === "string" && typeof object === "string") tuples.push([subject, relation, object]);
}

function eventTuples(type: string, item: unknown, events: ScoreTuple[], args: ScoreTuple[]): void {
  if (!isObject(item)) return;
  const trigger = item.trigger === undefined ? "" : item.trigger;
  if (typeof trigger !== "string") return;
  events.push([type, trigger]);
  if (isObject(item.arguments)) argumentsOf(type, item.arguments, args);
}

/** EEA: a role map per mention, or (Hum and OneKE's training shape) its `arguments`. */
function mentionTuples(type: string, item: unknown, args: ScoreTuple[]): void {
  if (!isObject(item)) return;
  argumentsOf(type, isObject(item.arguments) ? item.arguments : item, args);
}

function argumentsOf(type: string, values: Record<string, unknown>, args: ScoreTuple[]): void {
  for (const [role, value] of Object.entries(values))
    for (const v of Array.isArray(value) ? value : [value])
      if (v !== MISSING) args.push([type, role, pythonValue(v)]);
}
