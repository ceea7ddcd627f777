import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { Event } from "../records/index.ts";
import { compareCodeUnits, isObject } from "../util/index.ts";
import { codePointOffsetMapper } from "./code-point-offsets.ts";
import { readHead } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { readJsonFile } from "./read-json-file.ts";
import type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";
import { sourceName } from "./source-name.ts";

/** The largest constant shift a document's offsets are searched for (CASIE's are off by 1 or 2). */
const MAX_SHIFT = 5;

/** A span as annotated: its text and where it starts in `content` (UTF-16 units). */
interface Span {
  text: string;
  start: number;
}

interface AnnotatedEvent {
  /** `E3 (Databreach)`, for reasons. */
  name: string;
  type: string;
  trigger: Span;
  arguments: { role: string; span: Span }[];
  raw: unknown;
}

/**
 * CASIE (cybersecurity events): one JSON file per article, `content` plus `cyberevent.hopper[].events[]`
 * with `subtype` (Databreach, Phishing, Ransom, DiscoverVulnerability, PatchVulnerability), a `nugget`
 * trigger and `argument`s whose `role.type` is the role; offsets index `content` in code points. One
 * events record per article, the event type being the subtype (the type when there is none). The path
 * is the `annotation/` folder or one file. Some articles have every offset shifted by the same amount
 * (29 of CASIE's 950 by −1 or −2): when one shift makes every span match, the spans are realigned and
 * counted in a note. Otherwise an event with a span its offset does not hold is rejected on its own,
 * and the article keeps its other events. An article whose structure is not CASIE's (events under
 * another key, offsets that are not numbers) is rejected whole, never read as having no events.
 */
export const casieReader: DatasetReader = {
  name: "casie",
  description:
    "CASIE annotation JSON (one article per file, or the annotation/ folder) → one events record per article; " +
    "event type = subtype, trigger = nugget, roles from role.type, offsets kept (a constant shift realigned)",
  detect(path: string, head: string): Detection {
    if (/"cyberevent"\s*:/.test(head) && /"content"\s*:/.test(head)) return "certain";
    if (!isFolder(path)) return "no";
    const folder = articleFolder(path);
    const first = articleFiles(folder)[0];
    return first && /"cyberevent"\s*:/.test(readHead(join(folder, first), 1024 * 1024)) ? "certain" : "no";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, "casie");
    const lang = options.lang ?? "en";
    const folder = isFolder(path) ? articleFolder(path) : undefined;
    const files = folder ? articleFiles(folder).map((name) => join(folder, name)) : [path];
    for (const file of files) {
      const location = { file, line: 1 };
      const parsed = await readJsonFile(file);
      if (!parsed.ok) {
        yield rejection(parsed.reason, location, null);
        continue;
      }
      const article = parsed.value;
      if (!isObject(article) || typeof article.content !== "string") {
        yield rejection("casie: expected {content, cyberevent}", location, article);
        continue;
      }
      const events = articleEvents(article, codePointOffsetMapper(article.content));
      if (typeof events === "string") {
        yield rejection(`casie: ${events}`, location, article);
        continue;
      }
      const id = basename(file, extname(file));
      yield* articleItems(article, events, { id, source, lang, location }, options);
    }
  },
};

function* articleItems(
  article: Record<string, unknown>,
  events: AnnotatedEvent[],
  context: { id: string; source: string; lang: "en" | "zh"; location: Location },
  options: ReadOptions,
): Iterable<ReadItem> {
  const content = article.content as string;
  const shift = constantShift(content, events);
  if (shift !== 0) {
    options.notes?.add(`casie: spans realigned by a constant shift`, spanCount(events));
    for (const span of events.flatMap(spansOf)) span.start += shift;
  }
  const kept: Event[] = [];
  for (const event of events) {
    const problem = spansOf(event)
      .map((span) => spanProblem(content, span))
      .find((p) => p !== undefined);
    if (problem) yield rejection(`span: casie event ${event.name}: ${problem}`, context.location, event.raw);
    else kept.push(toEvent(event));
  }
  const { id, source, lang, location } = context;
  yield checkedItem({ kind: "events", id, source, lang, text: content, events: kept }, location, article);
}

function spansOf(event: AnnotatedEvent): Span[] {
  return [event.trigger, ...event.arguments.map((a) => a.span)];
}

function spanCount(events: AnnotatedEvent[]): number {
  return events.reduce((n, event) => n + spansOf(event).length, 0);
}

function spanProblem(content: string, span: Span): string | undefined {
  const found = content.slice(span.start, span.start + span.text.length);
  return found === span.text
    ? undefined
    : `offset ${span.start} holds ${JSON.stringify(found)}, not ${JSON.stringify(span.text)}`;
}

/** The shift (0 when none is needed or none fits) that makes every span of an article match. */
function constantShift(content: string, events: AnnotatedEvent[]): number {
  const spans = events.flatMap(spansOf);
  const fits = (shift: number) =>
    spans.every((span) => spanProblem(content, { ...span, start: span.start + shift }) === undefined);
  if (spans.length === 0 || fits(0)) return 0;
  for (let distance = 1; distance <= MAX_SHIFT; distance++)
    for (const shift of [-distance, distance]) if (fits(shift)) return shift;
  return 0;
}

function toEvent(event: AnnotatedEvent): Event {
  return {
    type: event.type,
    trigger: event.trigger.text,
    trigger_start: event.trigger.start,
    arguments: event.arguments.map(({ role, span }) => ({ role, text: span.text, start: span.start })),
  };
}

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** The folder of article files: the path, or its `annotation/` folder when given the dataset root. */
function articleFolder(path: string): string {
  const annotation = join(path, "annotation");
  return articleFiles(path).length === 0 && isFolder(annotation) ? annotation : path;
}

/** The article files of a folder in numeric order of their names. */
function articleFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || compareCodeUnits(a, b));
}

/** The events of an article, or what is wrong with its structure. */
function articleEvents(
  article: Record<string, unknown>,
  offset: (n: number) => number,
): AnnotatedEvent[] | string {
  const cyberevent = article.cyberevent;
  if (!isObject(cyberevent) || !Array.isArray(cyberevent.hopper))
    return `no cyberevent.hopper list (cyberevent keys: ${keysOf(cyberevent)})`;
  const events: AnnotatedEvent[] = [];
  for (const [h, hopper] of cyberevent.hopper.entries()) {
    if (!isObject(hopper) || !Array.isArray(hopper.events))
      return `hopper ${h} has no events list (keys: ${keysOf(hopper)})`;
    for (const [e, event] of hopper.events.entries()) {
      const read = annotatedEvent(event, offset);
      if (typeof read === "string") return `hopper ${h} event ${e}: ${read}`;
      events.push(read);
    }
  }
  return events;
}

function annotatedEvent(event: unknown, offset: (n: number) => number): AnnotatedEvent | string {
  if (!isObject(event)) return "not an object";
  const type = event.subtype ?? event.type;
  if (typeof type !== "string" || type.trim() === "") return `no subtype or type (keys: ${keysOf(event)})`;
  const trigger = spanOf(event.nugget, offset, "nugget");
  if (typeof trigger === "string") return trigger;
  if (event.argument !== undefined && !Array.isArray(event.argument)) return "argument is not a list";
  const args: AnnotatedEvent["arguments"] = [];
  for (const [i, argument] of (event.argument ?? []).entries()) {
    const role = isObject(argument) && isObject(argument.role) ? argument.role.type : argument?.role;
    if (typeof role !== "string" || role.trim() === "") return `argument ${i} has no role.type`;
    const span = spanOf(argument, offset, `argument ${i}`);
    if (typeof span === "string") return span;
    args.push({ role, span });
  }
  const name = `${typeof event.index === "string" ? event.index : "?"} (${type})`;
  return { name, type, trigger, arguments: args, raw: event };
}

function spanOf(value: unknown, offset: (n: number) => number, what: string): Span | string {
  if (!isObject(value) || typeof value.text !== "string" || value.text.trim() === "")
    return `${what} has no text`;
  if (typeof value.startOffset !== "number" || !Number.isInteger(value.startOffset) || value.startOffset < 0)
    return `${what} startOffset ${JSON.stringify(value.startOffset)} is not a non-negative integer`;
  return { text: value.text, start: offset(value.startOffset) };
}

function keysOf(value: unknown): string {
  return isObject(value) ? Object.keys(value).join(", ") || "none" : JSON.stringify(value ?? null);
}
