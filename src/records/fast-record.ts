import { isObject } from "../util/index.ts";
import type { CanonicalRecord } from "./record.ts";

/**
 * A fast path for every record kind: when a parsed value is plainly valid, the record the zod schema
 * would give for it (keys in schema order, unknown keys dropped, defaults filled), built without zod;
 * otherwise undefined, and zod decides and explains. Anything unexpected answers undefined, so a record
 * is never accepted here that zod would refuse.
 */
export function fastRecord(value: unknown): CanonicalRecord | undefined {
  if (!isObject(value)) return undefined;
  switch (value.kind) {
    case "entities":
      return withList(value, "entities", "entities", entity);
    case "relations":
      return withList(value, "relations", "relations", relation);
    case "events":
      return withList(value, "events", "events", event);
    case "classification":
      return withCommon(value, "classification", (record) => {
        if (!nonEmpty(value.label)) return undefined;
        if (value.aspect !== undefined && value.aspect !== "topic" && value.aspect !== "sentiment")
          return undefined;
        const result: Record<string, unknown> = { ...record, label: value.label };
        if (value.aspect !== undefined) result.aspect = value.aspect;
        return result;
      });
    case "qa":
      return withCommon(value, "qa", (record) => {
        if (!nonEmpty(value.question)) return undefined;
        if (value.answer !== null && !nonEmpty(value.answer)) return undefined;
        const result = withOffsets({ ...record, question: value.question, answer: value.answer }, value, [
          "answer_start",
        ]);
        if (!result || value.choices === undefined) return result;
        const choices = strings(value.choices);
        if (!choices || choices.length < 2) return undefined;
        result.choices = choices;
        return result;
      });
    case "tuples":
      return withList(value, "tuples", "tuples", tuple);
    case "graph":
      return withList(value, "graph", "entities", graphEntity);
    case "chat":
      return withIdSourceLang(value, "chat", (record) => {
        if (!nonEmpty(value.instruction) || !nonEmpty(value.output)) return undefined;
        if (value.input !== undefined && typeof value.input !== "string") return undefined;
        record.instruction = value.instruction;
        if (value.input !== undefined) record.input = value.input;
        record.output = value.output;
        return record;
      });
    default:
      return undefined;
  }
}

type Fields = Record<string, unknown>;

/** kind, id, source, lang and text, in the schemas' order, then the kind's own fields. */
function withCommon(
  value: Fields,
  kind: string,
  rest: (record: Fields) => Fields | undefined,
): CanonicalRecord | undefined {
  return withIdSourceLang(value, kind, (record) => {
    if (!nonEmpty(value.text)) return undefined;
    record.text = value.text;
    return rest(record);
  });
}

/** kind, id, source and lang, then the rest (a chat record has no text). */
function withIdSourceLang(
  value: Fields,
  kind: string,
  rest: (record: Fields) => Fields | undefined,
): CanonicalRecord | undefined {
  if (value.id !== undefined && !(typeof value.id === "string" && value.id.length > 0)) return undefined;
  if (!(typeof value.source === "string" && value.source.length > 0)) return undefined;
  if (value.lang !== "en" && value.lang !== "zh") return undefined;
  const record: Fields = { kind };
  if (value.id !== undefined) record.id = value.id;
  record.source = value.source;
  record.lang = value.lang;
  return rest(record) as CanonicalRecord | undefined;
}

/** The common fields, then one list of items (entities, relations, events, tuples). */
function withList(
  value: Fields,
  kind: string,
  field: string,
  item: (value: Fields) => Fields | undefined,
): CanonicalRecord | undefined {
  return withCommon(value, kind, (record) => {
    const items = list(value[field], item);
    if (!items) return undefined;
    record[field] = items;
    return record;
  });
}

function entity(value: Fields): Fields | undefined {
  if (!nonEmpty(value.text) || !nonEmpty(value.type)) return undefined;
  return withOffsets({ text: value.text, type: value.type }, value, ["start", "end"]);
}

function relation(value: Fields): Fields | undefined {
  const { subject, relation, object } = value;
  if (!nonEmpty(subject) || !nonEmpty(relation) || !nonEmpty(object)) return undefined;
  const result: Fields = { subject, relation, object };
  for (const key of ["subject_type", "object_type"]) {
    if (value[key] === undefined) continue;
    if (!nonEmpty(value[key])) return undefined;
    result[key] = value[key];
  }
  return withOffsets(result, value, ["subject_start", "object_start"]);
}

function event(value: Fields): Fields | undefined {
  if (!nonEmpty(value.type) || !nonEmpty(value.trigger)) return undefined;
  const result = withOffsets({ type: value.type, trigger: value.trigger }, value, ["trigger_start"]);
  if (!result) return undefined;
  const args = value.arguments === undefined ? [] : list(value.arguments, argument);
  if (!args) return undefined;
  result.arguments = args;
  return result;
}

function argument(value: Fields): Fields | undefined {
  if (!nonEmpty(value.role) || !nonEmpty(value.text)) return undefined;
  return withOffsets({ role: value.role, text: value.text }, value, ["start"]);
}

function tuple(value: Fields): Fields | undefined {
  if (!nonEmpty(value.subject) || !nonEmpty(value.predicate)) return undefined;
  const result: Fields = { subject: value.subject, predicate: value.predicate };
  for (const key of ["object", "time", "location"]) {
    if (value[key] === undefined) continue;
    if (!nonEmpty(value[key])) return undefined;
    result[key] = value[key];
  }
  return result;
}

function graphEntity(value: Fields): Fields | undefined {
  if (!nonEmpty(value.type) || !nonEmpty(value.name)) return undefined;
  const given = value.attributes === undefined ? {} : value.attributes;
  if (!isObject(given)) return undefined;
  const attributes: Fields = {};
  for (const key of Object.keys(given)) {
    // Keys an object treats specially are left to zod.
    if (key === "__proto__") return undefined;
    const item = given[key];
    if (nonEmpty(item)) attributes[key] = item;
    else {
      const values = strings(item);
      if (!values || values.length === 0) return undefined;
      attributes[key] = values;
    }
  }
  return { type: value.type, name: value.name, attributes };
}

/** A list of non-blank strings (a copy), or undefined. */
function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const item of value) if (!nonEmpty(item)) return undefined;
  return value.slice();
}

/** Optional offsets (non-negative integers) appended in the schema's order. */
function withOffsets(result: Fields, value: Fields, keys: readonly string[]): Fields | undefined {
  for (const key of keys) {
    const offset = value[key];
    if (offset === undefined) continue;
    if (!(Number.isSafeInteger(offset) && (offset as number) >= 0)) return undefined;
    result[key] = offset;
  }
  return result;
}

function list(value: unknown, item: (value: Fields) => Fields | undefined): Fields[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const result: Fields[] = [];
  for (const element of value) {
    const parsed = isObject(element) ? item(element) : undefined;
    if (!parsed) return undefined;
    result.push(parsed);
  }
  return result;
}

/** The `NonEmpty` schema: a string that is not blank. */
function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0;
}
