import type { CanonicalRecord } from "./record.ts";

/** A span-valued field of a record: where it sits in the record, its value, and its offset if given. */
interface SpanField {
  path: string;
  value: string;
  start?: number;
  end?: number;
}

/**
 * The problems with a record's spans: each must occur verbatim in `text`, and an offset, when given,
 * must point at it. Records that break this are rejected, never silently fixed.
 */
export function spanProblems(record: CanonicalRecord): string[] {
  if (record.kind === "chat" || record.kind === "classification") return [];
  if (record.kind === "qa" && record.choices) return choiceProblems(record.answer, record.choices);
  return spansHold(record) ? [] : fieldProblems(record);
}

/** The problems of each span-valued field of a record, named by where it sits (slower: every path is built). */
export function fieldProblems(
  record: Exclude<CanonicalRecord, { kind: "chat" | "classification" }>,
): string[] {
  const problems: string[] = [];
  for (const field of spanFields(record)) {
    const problem = spanProblem(record.text, field);
    if (problem) problems.push(problem);
  }
  return problems;
}

/**
 * Whether every span of a record with spans holds (false for other kinds): the check every valid
 * record passes, without naming each field as `spanFields` does for the messages.
 */
function spansHold(record: CanonicalRecord): boolean {
  const { text } = record as { text: string };
  switch (record.kind) {
    case "entities":
      return record.entities.every((e) => spanHolds(text, e.text, e.start, e.end));
    case "relations":
      return record.relations.every(
        (r) => spanHolds(text, r.subject, r.subject_start) && spanHolds(text, r.object, r.object_start),
      );
    case "events":
      return record.events.every(
        (e) =>
          spanHolds(text, e.trigger, e.trigger_start) &&
          e.arguments.every((a) => spanHolds(text, a.text, a.start)),
      );
    case "tuples":
      return record.tuples.every((t) =>
        TUPLE_SPANS.every((key) => t[key] === undefined || spanHolds(text, t[key])),
      );
    case "graph":
      return record.entities.every(
        (e) =>
          spanHolds(text, e.name) &&
          Object.values(e.attributes).every((value) =>
            Array.isArray(value) ? value.every((v) => spanHolds(text, v)) : spanHolds(text, value),
          ),
      );
    case "qa":
      return record.answer === null || spanHolds(text, record.answer, record.answer_start);
    default:
      return false;
  }
}

/** The span-valued fields of an open IE tuple. */
const TUPLE_SPANS = ["subject", "predicate", "object", "time", "location"] as const;

/** Whether `spanProblem` finds nothing wrong with a span. */
function spanHolds(text: string, value: string, start?: number, end?: number): boolean {
  if (start === undefined) return end === undefined && text.includes(value);
  const stop = end ?? start + value.length;
  return (
    text.slice(start, stop) === value && !splitsSurrogatePair(text, start) && !splitsSurrogatePair(text, stop)
  );
}

function spanProblem(text: string, { path, value, start, end }: SpanField): string | undefined {
  if (start === undefined && end !== undefined) return `${path}: end given without start`;
  if (start !== undefined) {
    const stop = end ?? start + value.length;
    const found = text.slice(start, stop);
    if (found !== value)
      return `${path}: offset ${start}-${stop} holds ${JSON.stringify(found)}, not ${JSON.stringify(value)}`;
    if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, stop))
      return `${path}: offset ${start}-${stop} splits a character outside the Basic Multilingual Plane in two`;
    return undefined;
  }
  return text.includes(value) ? undefined : `${path}: span ${JSON.stringify(value)} does not occur in text`;
}

/**
 * Offsets count UTF-16 code units, so a character such as an emoji is two units; an offset between
 * them names half a character, which no tokenizer or other language would agree on.
 */
function splitsSurrogatePair(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

function choiceProblems(answer: string | null, choices: string[]): string[] {
  if (answer === null || choices.includes(answer)) return [];
  return [`answer: ${JSON.stringify(answer)} is not one of the choices`];
}

function* spanFields(record: CanonicalRecord): Generator<SpanField> {
  switch (record.kind) {
    case "entities":
      for (const [i, e] of record.entities.entries())
        yield { path: `entities[${i}].text`, value: e.text, start: e.start, end: e.end };
      return;
    case "relations":
      for (const [i, r] of record.relations.entries()) {
        yield { path: `relations[${i}].subject`, value: r.subject, start: r.subject_start };
        yield { path: `relations[${i}].object`, value: r.object, start: r.object_start };
      }
      return;
    case "events":
      for (const [i, e] of record.events.entries()) {
        yield { path: `events[${i}].trigger`, value: e.trigger, start: e.trigger_start };
        for (const [j, a] of e.arguments.entries())
          yield { path: `events[${i}].arguments[${j}].text`, value: a.text, start: a.start };
      }
      return;
    case "tuples":
      for (const [i, t] of record.tuples.entries())
        for (const key of TUPLE_SPANS) {
          const value = t[key];
          if (value !== undefined) yield { path: `tuples[${i}].${key}`, value };
        }
      return;
    case "graph":
      for (const [i, e] of record.entities.entries()) {
        yield { path: `entities[${i}].name`, value: e.name };
        for (const [attribute, value] of Object.entries(e.attributes))
          for (const v of Array.isArray(value) ? value : [value])
            yield { path: `entities[${i}].attributes.${attribute}`, value: v };
      }
      return;
    case "qa":
      if (record.answer !== null) yield { path: "answer", value: record.answer, start: record.answer_start };
      return;
  }
}
