import { isObject, MISSING, type SchemaChunk, type ScoreTuple, type TaskSpec } from "../tasks/index.ts";
import { choiceTuples } from "./choice-answer.ts";
import { parseStrict } from "./json-extraction.ts";
import type { ParsedOutput } from "./output-parsing.ts";

/**
 * IEPile's extracters, for `--compat iepile`: the whole output must be a JSON object (`json.loads`;
 * a fenced block or prose around it is an error), inner entries of the wrong shape are skipped, nothing
 * is deduplicated (a repeated entity is two predictions) and RE reads `subject`/`object` ('' if absent).
 */
export function parseIepileOutput(task: TaskSpec, text: string, chunk: SchemaChunk): ParsedOutput {
  if (task.style === "text") return choiceTuples(task, text, chunk, "exact");
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
      else if (typeof item === "string") tuples.push([key, item]);
    }
  }
  return { ok: true, tuples, argumentTuples, how: "json-whole" };
}

function relationTuple(relation: string, item: unknown, tuples: ScoreTuple[]): void {
  if (!isObject(item)) return;
  const subject = item.subject ?? "";
  const object = item.object ?? "";
  if (typeof subject === "string" && typeof object === "string") tuples.push([subject, relation, object]);
}

function eventTuples(type: string, item: unknown, events: ScoreTuple[], args: ScoreTuple[]): void {
  if (!isObject(item)) return;
  const trigger = item.trigger ?? "";
  if (typeof trigger !== "string") return;
  events.push([type, trigger]);
  if (!isObject(item.arguments)) return;
  for (const [role, value] of Object.entries(item.arguments))
    for (const v of Array.isArray(value) ? value : [value])
      if (typeof v === "string" && v !== MISSING) args.push([type, role, v]);
}
