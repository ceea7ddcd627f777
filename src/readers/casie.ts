import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { Event, EventArgument } from "../records/index.ts";
import { codePointOffsetMapper } from "./code-point-offsets.ts";
import { readHead } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { isObject, readJsonFile } from "./read-json-file.ts";
import type { DatasetReader, Detection, ReadItem, ReadOptions } from "./reader.ts";
import { sourceName } from "./source-name.ts";

/**
 * CASIE (cybersecurity events): one JSON file per article, `content` plus `cyberevent.hopper[].events[]`
 * with `subtype` (Databreach, Phishing, Ransom, DiscoverVulnerability, PatchVulnerability), a `nugget`
 * trigger and `argument`s whose `role.type` is the role; offsets index `content`. One events record per
 * article, the event type being the subtype (the type when there is none). The path is the
 * `annotation/` folder or one file.
 */
export const casieReader: DatasetReader = {
  name: "casie",
  description:
    "CASIE annotation JSON (one article per file, or the annotation/ folder) → one events record per article; " +
    "event type = subtype, trigger = nugget, roles from role.type, offsets kept",
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
      const id = basename(file, extname(file));
      yield checkedItem(
        { kind: "events", id, source, lang, text: article.content, events },
        location,
        article,
      );
    }
  },
};

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
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || (a < b ? -1 : a > b ? 1 : 0));
}

function articleEvents(article: Record<string, unknown>, offset: (n: number) => number): Event[] {
  const hoppers =
    isObject(article.cyberevent) && Array.isArray(article.cyberevent.hopper) ? article.cyberevent.hopper : [];
  const events = hoppers.flatMap((hopper) =>
    isObject(hopper) && Array.isArray(hopper.events) ? hopper.events : [],
  );
  return events.filter(isObject).map((event) => toEvent(event, offset));
}

function toEvent(event: Record<string, unknown>, offset: (n: number) => number): Event {
  const nugget = isObject(event.nugget) ? event.nugget : {};
  const args: EventArgument[] = (Array.isArray(event.argument) ? event.argument : [])
    .filter(isObject)
    .map((argument) => ({
      role: String(isObject(argument.role) ? argument.role.type : argument.role),
      text: argument.text as string,
      start: typeof argument.startOffset === "number" ? offset(argument.startOffset) : undefined,
    }));
  return {
    type: String(event.subtype ?? event.type),
    trigger: nugget.text as string,
    trigger_start: typeof nugget.startOffset === "number" ? offset(nugget.startOffset) : undefined,
    arguments: args,
  };
}
