import type { Event, EventArgument } from "../records/index.ts";
import { codePointOffsetMapper } from "./code-point-offsets.ts";
import { firstLine } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { isObject, readJsonLines } from "./read-json-file.ts";
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
 * with sub-arguments nested inside (`Treatment.Drug`, `Subject.Age`, as IEPile names them). Every
 * fragment of a (possibly discontinuous) mention becomes one argument value of its role; attribute
 * cues (`Speculated`, `Negated`, `Severity`) are kept as roles too. All annotation sets are merged.
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
      const offset = codePointOffsetMapper(value.context);
      const rawEvents = value.annotations.flatMap((set) =>
        isObject(set) && Array.isArray(set.events) ? set.events : [],
      );
      const events = rawEvents.map((event) => toEvent(event, offset));
      const problem = events.find((event) => typeof event === "string");
      if (problem) {
        yield rejection(`phee: ${problem}`, location, value);
        continue;
      }
      const id = typeof value.id === "string" ? value.id : `${source}-${entry.line}`;
      yield checkedItem({ kind: "events", id, source, lang, text: value.context, events }, location, value);
    }
  },
};

function toEvent(event: unknown, offset: (codePoint: number) => number): Event | string {
  if (!isObject(event)) return "event is not an object";
  const trigger = fragments(event.Trigger as Annotation, offset)[0];
  if (!trigger) return `event ${JSON.stringify(event.event_id)} has no trigger`;
  const args: EventArgument[] = [];
  for (const [role, annotation] of Object.entries(event)) {
    if (!NOT_ARGUMENTS.has(role) && isObject(annotation)) args.push(...argumentsOf(role, annotation, offset));
  }
  return {
    type: String(event.event_type),
    trigger: trigger.text,
    trigger_start: trigger.start,
    arguments: args,
  };
}

function argumentsOf(
  role: string,
  annotation: Record<string, unknown>,
  offset: (n: number) => number,
): EventArgument[] {
  const own = fragments(annotation, offset).map(({ text, start }) => ({ role, text, start }));
  const nested = Object.entries(annotation)
    .filter(([key, value]) => !ARGUMENT_FIELDS.has(key) && isObject(value))
    .flatMap(([key, value]) => argumentsOf(`${role}.${key}`, value as Record<string, unknown>, offset));
  return [...own, ...nested];
}

/** Every fragment of every mention, with its offset. */
function fragments(
  annotation: Annotation | undefined,
  offset: (n: number) => number,
): { text: string; start?: number }[] {
  if (!annotation || !Array.isArray(annotation.text)) return [];
  const starts = Array.isArray(annotation.start) ? annotation.start : [];
  return annotation.text.flatMap((mention, i) =>
    (Array.isArray(mention) ? mention : [mention]).map((text, j) => {
      const start = Array.isArray(starts[i]) ? starts[i][j] : undefined;
      return { text: String(text), start: typeof start === "number" ? offset(start) : undefined };
    }),
  );
}
