import type { Event, EventArgument } from "../records/index.ts";
import { isObject } from "../util/index.ts";
import { codePointOffsetMapper } from "./code-point-offsets.ts";
import { firstLine } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { readJsonLines } from "./read-json-file.ts";
import type { DatasetReader, Detection, ReadItem, ReadOptions } from "./reader.ts";
import { sourceName } from "./source-name.ts";

/** Event fields that are not arguments. */
const NOT_ARGUMENTS = new Set(["event_id", "event_type", "Trigger"]);
/** Fields of an argument object that are not nested sub-arguments. */
const ARGUMENT_FIELDS = new Set(["text", "start", "entity_id", "value"]);

/** A PHEE annotation: `text` and `start` hold one list of fragments per mention. */
interface Annotation {
  text?: unknown;
  start?: unknown;
}

/**
 * PHEE (pharmacovigilance events): JSON Lines `{id, context, annotations: [{events}]}`. Each event has
 * `event_type`, `Trigger` and argument objects `{text: [[fragment, …], …], start: [[offset, …], …]}`,
 * with sub-arguments nested inside (`Treatment.Drug`, `Subject.Age`, as IEPile names them). Each
 * mention (an inner list) is one argument value of its role; a discontinuous mention (several
 * fragments in one inner list) stays one argument, the stretch of text from its first fragment to its
 * last (the one verbatim span that holds it), and a note counts them. Attribute cues (`Speculated`,
 * `Negated`, `Severity`) are kept as roles too. All annotation sets are merged. A line whose structure
 * is not PHEE's (an annotation set without `events`, an event without `event_type`, offsets that are
 * not numbers) is rejected, never read as having no events.
 */
export const pheeReader: DatasetReader = {
  name: "phee",
  description:
    "PHEE JSON Lines ({id, context, annotations: [{events}]}) → one events record per sentence; nested " +
    "arguments named Parent.Child, each fragment of a discontinuous mention one argument",
  detect(_path: string, head: string): Detection {
    const first = firstLine(head);
    if (/"context"\s*:/.test(first) && /"annotations"\s*:/.test(first) && /"event_type"/.test(first))
      return "certain";
    return /"context"\s*:/.test(first) && /"annotations"\s*:/.test(first) ? "likely" : "no";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, "phee");
    const lang = options.lang ?? "en";
    for await (const entry of readJsonLines(path)) {
      const location = { file: path, line: entry.line };
      if (!entry.ok) {
        yield rejection(entry.reason, location, entry.text);
        continue;
      }
      const value = entry.value;
      if (!isObject(value) || typeof value.context !== "string" || !Array.isArray(value.annotations)) {
        yield rejection("phee: expected {id, context, annotations}", location, value);
        continue;
      }
      const badSet = value.annotations.findIndex((set) => !isObject(set) || !Array.isArray(set.events));
      if (badSet >= 0) {
        const keys = isObject(value.annotations[badSet]) ? Object.keys(value.annotations[badSet]) : [];
        yield rejection(
          `phee: annotation set ${badSet} has no events list (keys: ${keys.join(", ")})`,
          location,
          value,
        );
        continue;
      }
      const context = { text: value.context, offset: codePointOffsetMapper(value.context) };
      const rawEvents = value.annotations.flatMap((set) => (set as { events: unknown[] }).events);
      const events = rawEvents.map((event) => toEvent(event, context));
      const problem = events.find((event) => typeof event === "string");
      if (problem) {
        yield rejection(`phee: ${problem}`, location, value);
        continue;
      }
      const joined = (events as Event[]).flatMap((e) => e.arguments).filter((a) => JOINED.has(a)).length;
      if (joined > 0) options.notes?.add("phee: discontinuous mentions kept as one argument", joined);
      const id = typeof value.id === "string" ? value.id : `${source}-${entry.line}`;
      yield checkedItem({ kind: "events", id, source, lang, text: value.context, events }, location, value);
    }
  },
};

/** The text and its offset mapper (PHEE counts offsets in code points). */
interface Context {
  text: string;
  offset: (codePoint: number) => number;
}

/** Arguments made from a discontinuous mention, so the reader can count them. */
const JOINED = new WeakSet<EventArgument>();

function toEvent(event: unknown, context: Context): Event | string {
  if (!isObject(event)) return "event is not an object";
  const name = JSON.stringify(event.event_id ?? null);
  if (typeof event.event_type !== "string" || event.event_type.trim() === "")
    return `event ${name} has no event_type (keys: ${Object.keys(event).join(", ")})`;
  const trigger = mentions(event.Trigger as Annotation, context);
  if (typeof trigger === "string") return `event ${name} Trigger: ${trigger}`;
  if (!trigger[0]) return `event ${name} has no trigger`;
  const args: EventArgument[] = [];
  for (const [role, annotation] of Object.entries(event)) {
    if (NOT_ARGUMENTS.has(role) || !isObject(annotation)) continue;
    const found = argumentsOf(role, annotation, context);
    if (typeof found === "string") return `event ${name} ${found}`;
    args.push(...found);
  }
  return {
    type: event.event_type,
    trigger: trigger[0].text,
    trigger_start: trigger[0].start,
    arguments: args,
  };
}

function argumentsOf(
  role: string,
  annotation: Record<string, unknown>,
  context: Context,
): EventArgument[] | string {
  const own = mentions(annotation, context);
  if (typeof own === "string") return `${role}: ${own}`;
  const found: EventArgument[] = own.map(({ text, start, joined }) => {
    const argument = { role, text, start };
    if (joined) JOINED.add(argument);
    return argument;
  });
  for (const [key, value] of Object.entries(annotation)) {
    if (ARGUMENT_FIELDS.has(key) || !isObject(value)) continue;
    const nested = argumentsOf(`${role}.${key}`, value, context);
    if (typeof nested === "string") return nested;
    found.push(...nested);
  }
  return found;
}

interface Mention {
  text: string;
  start?: number;
  /** Made from several fragments. */
  joined: boolean;
}

/** Every mention of an annotation, one per inner list, or why the annotation cannot be read. */
function mentions(annotation: Annotation | undefined, context: Context): Mention[] | string {
  if (!annotation || annotation.text === undefined) return [];
  if (!Array.isArray(annotation.text)) return "text is not a list";
  const starts = annotation.start === undefined ? [] : annotation.start;
  if (!Array.isArray(starts)) return "start is not a list";
  const found: Mention[] = [];
  for (const [i, mention] of annotation.text.entries()) {
    const texts = (Array.isArray(mention) ? mention : [mention]).map(String);
    const offsets = Array.isArray(starts[i]) ? starts[i] : starts[i] === undefined ? [] : [starts[i]];
    const bad = offsets.find((o: unknown) => typeof o !== "number" || !Number.isInteger(o) || o < 0);
    if (bad !== undefined) return `start ${JSON.stringify(bad)} is not a non-negative integer`;
    found.push(oneMention(texts, offsets.map(context.offset), context.text));
  }
  return found;
}

/**
 * One mention from its fragments. A single fragment is itself. Several become the stretch from the
 * earliest fragment to the end of the latest (fragments may be listed out of order), which holds them
 * all verbatim; fragments without offsets are looked for in the text.
 */
function oneMention(texts: string[], starts: number[], text: string): Mention {
  if (texts.length === 1) return { text: texts[0], start: starts[0], joined: false };
  const positions = texts.map((fragment, i) => starts[i] ?? text.indexOf(fragment));
  // A fragment its offset does not hold leaves the joined fragments, which fail verification with a reason.
  const misplaced = positions.some((p, i) => p < 0 || text.slice(p, p + texts[i].length) !== texts[i]);
  if (misplaced) return { text: texts.join(" "), start: undefined, joined: true };
  const first = Math.min(...positions);
  const end = Math.max(...positions.map((p, i) => p + texts[i].length));
  return { text: text.slice(first, end), start: first, joined: true };
}
