import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { readTextFile } from "../io/index.ts";
import type { Event, LabelSet } from "../records/index.ts";
import { isObject } from "../util/index.ts";
import { guessLanguage } from "./language.ts";
import { firstLine } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { parseJson, readJsonLines } from "./read-json-file.ts";
import type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";
import { fileStem, sourceName } from "./source-name.ts";

type Converted = { ok: true; record: Record<string, unknown> } | { ok: false; reason: string };

/**
 * IEPile / OneKE data, JSON Lines in either of its two shapes:
 * - instruction lines `{task, source, instruction: "<JSON {instruction, schema, input}>", output: "<JSON>"}`
 *   (NER, RE, SPO, EE, EET, EEA), mapped back from the output to entities, relations or events;
 * - raw `sample.json` lines `{text, entity|relation|event}` as its converter reads them.
 * IEPile splits one sample into consecutive lines that ask different schema chunks; consecutive lines
 * with the same task, source and input are merged into one record so that no chunk's labels are lost
 * (lines of one sample that are not consecutive stay separate records). A `schema.json` beside the file
 * (line 1 types, line 2 relations or roles, line 3 descriptions) declares the label set.
 */
export const iepileReader: DatasetReader = {
  name: "iepile",
  description:
    "IEPile/OneKE JSON Lines (instruction/output lines of NER, RE, SPO, EE, EET, EEA, or raw {text, entity|" +
    "relation|event}) → entities, relations or events records; schema.json beside it declares the labels",
  detect(_path: string, head: string): Detection {
    const first = firstLine(head);
    if (/"task"\s*:\s*"(NER|RE|SPO|EE|EET|EEA)"/.test(first) && /"instruction"\s*:\s*"\{/.test(first))
      return "certain";
    // InstructIE lines (with `cate`) have the raw RE shape too; they are knowledge-graph data.
    if (/"(text|input)"\s*:/.test(first) && /"(entity|relation|event)"\s*:\s*\[/.test(first))
      return /"cate"\s*:/.test(first) ? "likely" : "certain";
    return "no";
  },
  async declaredLabels(path: string, options: ReadOptions) {
    const file = join(dirname(path), "schema.json");
    if (!existsSync(file)) return undefined;
    const labels = await readSchemaFile(file);
    return labels && { source: sourceName(path, options, fileStem(path)), labels };
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const fallbackSource = sourceName(path, options, fileStem(path));
    let pending:
      | { key: string; record: Record<string, unknown>; location: Location; raw: unknown[] }
      | undefined;
    for await (const entry of readJsonLines(path)) {
      const location = { file: path, line: entry.line };
      const raw: unknown = entry.ok ? entry.value : entry.text;
      const converted = entry.ok ? convertLine(entry.value, options, fallbackSource) : entry;
      if (!converted.ok) {
        // Input order is kept: the record before a rejected line is complete by then.
        if (pending) yield checkedItem(pending.record, pending.location, pending.raw);
        pending = undefined;
        yield rejection(converted.reason, location, raw);
        continue;
      }
      const key = mergeKey(converted.record);
      if (pending && pending.key === key) {
        mergeInto(pending.record, converted.record);
        pending.raw.push(raw);
        continue;
      }
      if (pending) yield checkedItem(pending.record, pending.location, pending.raw);
      pending = { key, record: converted.record, location, raw: [raw] };
    }
    if (pending) yield checkedItem(pending.record, pending.location, pending.raw);
  },
};

function mergeKey(record: Record<string, unknown>): string {
  return JSON.stringify([record.kind, record.source, record.text]);
}

function mergeInto(target: Record<string, unknown>, addition: Record<string, unknown>): void {
  for (const field of ["entities", "relations", "events"]) {
    if (Array.isArray(target[field]) && Array.isArray(addition[field]))
      (target[field] as unknown[]).push(...(addition[field] as unknown[]));
  }
}

function convertLine(value: unknown, options: ReadOptions, fallbackSource: string): Converted {
  if (!isObject(value)) return { ok: false, reason: "iepile: line is not a JSON object" };
  const source =
    options.source ?? (typeof value.source === "string" && value.source ? value.source : fallbackSource);
  if (typeof value.task === "string" && typeof value.instruction === "string")
    return convertInstructionLine(value, source, options);
  return convertRawLine(value, source, options);
}

function convertInstructionLine(
  value: Record<string, unknown>,
  source: string,
  options: ReadOptions,
): Converted {
  const instruction = parseJson(value.instruction as string);
  if (!instruction.ok || !isObject(instruction.value) || typeof instruction.value.input !== "string")
    return { ok: false, reason: "iepile: instruction is not a JSON object with an input" };
  const answer = value.output ?? value.label;
  const output = typeof answer === "string" ? parseJson(answer) : { ok: true as const, value: answer };
  if (!output.ok || !isObject(output.value))
    return { ok: false, reason: "iepile: output is not a JSON object" };
  const text = instruction.value.input;
  const schema = Array.isArray(instruction.value.schema) ? instruction.value.schema : [];
  const common = { source, lang: options.lang ?? guessLanguage(text), text };
  const labels = fromOutput(value.task as string, output.value, schema);
  if (typeof labels === "string") return { ok: false, reason: `iepile: ${labels}` };
  return { ok: true, record: { ...common, ...labels } };
}

/** A task's output object → the labelled fields of its record kind, or why it cannot be read. */
function fromOutput(
  task: string,
  output: Record<string, unknown>,
  schema: unknown[],
): Record<string, unknown> | string {
  const damaged = damagedSlot(task, output);
  if (damaged) return damaged;
  switch (task) {
    case "NER":
      return {
        kind: "entities",
        entities: entries(output).flatMap(([type, values]) => list(values).map((text) => ({ text, type }))),
      };
    case "RE":
    case "SPO":
      return {
        kind: "relations",
        relations: entries(output).flatMap(([relation, pairs]) => relationsOf(relation, pairs, schema)),
      };
    case "EE":
      return { kind: "events", events: entries(output).flatMap(([type, found]) => eventsOf(type, found)) };
    case "EET":
      return {
        kind: "events",
        events: entries(output).flatMap(([type, triggers]) =>
          list(triggers).map((trigger) => ({ type, trigger, arguments: [] })),
        ),
      };
    case "EEA":
      return eeaEvents(output, schema);
    default:
      return `unsupported task ${JSON.stringify(task)}`;
  }
}

/**
 * RE, SPO and EE answers hold a list of objects per label (empty when absent); anything else is
 * damage to report, not a label to read as having no answer.
 */
function damagedSlot(task: string, output: Record<string, unknown>): string | undefined {
  if (task !== "RE" && task !== "SPO" && task !== "EE") return undefined;
  for (const [label, found] of Object.entries(output))
    if (!Array.isArray(found) || !found.every(isObject))
      return `${task} output for ${JSON.stringify(label)} is not a list of objects: ${JSON.stringify(found)}`;
  return undefined;
}

function entries(output: Record<string, unknown>): [string, unknown][] {
  return Object.entries(output);
}

/** Values of an output slot: a list, one value, or nothing (`NAN`, empty). */
function list(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === "string" && v.trim() !== "" && v !== "NAN");
}

function relationsOf(relation: string, pairs: unknown, schema: unknown[]) {
  const signature = schema.find((entry) => isObject(entry) && entry.predicate === relation) as
    | Record<string, unknown>
    | undefined;
  const types = signature ? { subject_type: signature.subject_type, object_type: signature.object_type } : {};
  return (Array.isArray(pairs) ? pairs : []).filter(isObject).map((pair) => ({
    subject: pair.subject ?? pair.head,
    relation,
    object: pair.object ?? pair.tail,
    ...types,
  }));
}

function eventsOf(type: string, found: unknown): Event[] {
  return (Array.isArray(found) ? found : []).filter(isObject).map((event) => ({
    type,
    trigger: event.trigger as string,
    arguments: argumentsOf(event.arguments),
  }));
}

function argumentsOf(values: unknown) {
  return entries(isObject(values) ? values : {}).flatMap(([role, value]) =>
    list(value).map((text) => ({ role, text })),
  );
}

/** EEA outputs hold arguments only; the trigger comes from the schema entry of the type. */
function eeaEvents(output: Record<string, unknown>, schema: unknown[]): Record<string, unknown> | string {
  const events: Event[] = [];
  for (const [type, found] of entries(output)) {
    const entry = schema.find((e) => isObject(e) && e.event_type === type) as
      | Record<string, unknown>
      | undefined;
    if (!entry || typeof entry.trigger !== "string")
      return `EEA type ${JSON.stringify(type)} has no trigger in the schema`;
    for (const args of Array.isArray(found) ? found : [])
      events.push({ type, trigger: entry.trigger, arguments: argumentsOf(args) });
  }
  return { kind: "events", events };
}

function convertRawLine(value: Record<string, unknown>, source: string, options: ReadOptions): Converted {
  const text = typeof value.text === "string" ? value.text : value.input;
  if (typeof text !== "string")
    return { ok: false, reason: "iepile: line has neither an instruction nor a text" };
  const common = { source, lang: options.lang ?? guessLanguage(text), text };
  for (const field of ["entity", "relation", "event"])
    if (Array.isArray(value[field]) && !(value[field] as unknown[]).every(isObject))
      return { ok: false, reason: `iepile: ${field} list holds an item that is not an object` };
  if (Array.isArray(value.entity)) {
    const entities = value.entity.filter(isObject).map((e) => ({ text: e.entity, type: e.entity_type }));
    return { ok: true, record: { kind: "entities", ...common, entities } };
  }
  if (Array.isArray(value.relation)) {
    const relations = value.relation.filter(isObject).map((r) => ({
      subject: r.head,
      relation: r.relation,
      object: r.tail,
      ...(r.head_type && r.tail_type ? { subject_type: r.head_type, object_type: r.tail_type } : {}),
    }));
    return { ok: true, record: { kind: "relations", ...common, relations } };
  }
  if (Array.isArray(value.event)) {
    const events = value.event.filter(isObject).map((e) => ({
      type: e.event_type,
      trigger: e.event_trigger,
      arguments: (Array.isArray(e.arguments) ? e.arguments : [])
        .filter(isObject)
        .map((a) => ({ role: a.role, text: a.argument })),
    }));
    return { ok: true, record: { kind: "events", ...common, events } };
  }
  return { ok: false, reason: "iepile: raw line has no entity, relation or event list" };
}

/**
 * IEPile's three-line `schema.json`: line 1 entity or event types, line 2 relations or roles, line 3
 * descriptions. Types alone are entity types, relations alone are relations, both are event types
 * (roles then come from line 3 when it maps each type to its roles, else from the data).
 */
export async function readSchemaFile(file: string): Promise<LabelSet | undefined> {
  const lines = readTextFile(file).split(/\r?\n/);
  const [types, second, third] = lines.map((line) =>
    line.trim() ? parseJson(line) : { ok: false as const, reason: "" },
  );
  const strings = (parsed: typeof types | undefined) =>
    parsed?.ok && Array.isArray(parsed.value)
      ? parsed.value.filter((v): v is string => typeof v === "string")
      : [];
  const first = strings(types);
  const relationsOrRoles = strings(second);
  const labels: LabelSet = { entities: [], relations: [], events: [], classes: [], graph: [] };
  if (first.length > 0 && relationsOrRoles.length === 0) labels.entities = first;
  else if (first.length === 0) labels.relations = relationsOrRoles.map((relation) => ({ relation }));
  else {
    const roles = third?.ok && isObject(third.value) ? third.value : {};
    labels.events = first.map((type) => ({
      type,
      roles: Array.isArray(roles[type]) ? roles[type].map(String) : [],
    }));
  }
  return first.length + relationsOrRoles.length > 0 ? labels : undefined;
}
