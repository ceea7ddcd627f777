import type { Event, EventArgument } from "../records/index.ts";
import { isObject } from "../util/index.ts";
import { codePointOffsetMapper } from "./code-point-offsets.ts";
import { firstLine } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { readJsonLines } from "./read-json-file.ts";
import type { DatasetReader, Detection, ReadItem, ReadOptions } from "./reader.ts";
import { sourceName } from "./source-name.ts";

/**
 * FewFC (Chinese financial events): JSON Lines `{id, content, events: [{type, mentions: [{word, span,
 * role}]}]}`, `span` a half-open code-point range into `content`. The mention with role `trigger` is
 * the trigger; the others are arguments. Overlapping mentions are kept as they are.
 */
export const fewfcReader: DatasetReader = {
  name: "fewfc",
  description:
    "FewFC JSON Lines ({id, content, events: [{type, mentions: [{word, span, role}]}]}) → one events record " +
    "per line; the `trigger` mention is the trigger, offsets kept",
  detect(_path: string, head: string): Detection {
    const first = firstLine(head);
    if (/"content"\s*:/.test(first) && /"events"\s*:/.test(first) && /"mentions"\s*:/.test(first))
      return "certain";
    return /"content"\s*:/.test(first) && /"events"\s*:/.test(first) ? "likely" : "no";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, "fewfc");
    const lang = options.lang ?? "zh";
    for await (const entry of readJsonLines(path)) {
      const location = { file: path, line: entry.line };
      if (!entry.ok) {
        yield rejection(entry.reason, location, entry.text);
        continue;
      }
      const value = entry.value;
      if (!isObject(value) || typeof value.content !== "string" || !Array.isArray(value.events)) {
        yield rejection("fewfc: expected {id, content, events}", location, value);
        continue;
      }
      const events = value.events.map((event) =>
        toEvent(event, codePointOffsetMapper(value.content as string)),
      );
      const problem = events.find((event) => typeof event === "string");
      if (problem) {
        yield rejection(`fewfc: ${problem}`, location, value);
        continue;
      }
      const id = typeof value.id === "string" ? value.id : `${source}-${entry.line}`;
      yield checkedItem({ kind: "events", id, source, lang, text: value.content, events }, location, value);
    }
  },
};

function toEvent(event: unknown, offset: (codePoint: number) => number): Event | string {
  if (!isObject(event) || !Array.isArray(event.mentions)) return "event without mentions";
  if (typeof event.type !== "string" || event.type.trim() === "") return "event without a type";
  // A mention that is not an object, or a span that is not numbers, is damage to report, not to skip.
  const bad = event.mentions.find((mention) => !isObject(mention) || !usableSpan(mention.span));
  if (bad !== undefined)
    return `event ${JSON.stringify(event.type)}: mention ${JSON.stringify(bad)} has no [start, end] span of integers`;
  const mentions = event.mentions as Record<string, unknown>[];
  const trigger = mentions.find((mention) => mention.role === "trigger");
  if (!trigger) return `event ${JSON.stringify(event.type)} has no trigger mention`;
  const start = (mention: Record<string, unknown>) =>
    Array.isArray(mention.span) && typeof mention.span[0] === "number" ? offset(mention.span[0]) : undefined;
  const args: EventArgument[] = mentions
    .filter((mention) => mention !== trigger)
    .map((mention) => ({
      role: mention.role as string,
      text: mention.word as string,
      start: start(mention),
    }));
  return {
    type: event.type as string,
    trigger: trigger.word as string,
    trigger_start: start(trigger),
    arguments: args,
  };
}

function usableSpan(span: unknown): boolean {
  if (span === undefined) return true;
  return Array.isArray(span) && span.length === 2 && span.every((n) => Number.isInteger(n) && n >= 0);
}
