import { firstLine } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { isObject, readJsonLines } from "./read-json-file.ts";
import type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";
import { sourceName } from "./source-name.ts";
import { joinTokens, tokenSpan } from "./token-text.ts";

const MARKERS = new Set(["[[", "]]", "<<", ">>"]);

/** Token range (inclusive) of each marked argument in the unmarked sentence. */
interface Arguments {
  subject?: [number, number];
  object?: [number, number];
}

/**
 * SciERC relations as SciBERT ships them: JSON Lines `{text, label, metadata}`, the text
 * whitespace-tokenised with the first argument in `[[ ]]` and the second in `<< >>`; `metadata` holds
 * their inclusive token spans in the unmarked sentence (`[[ ]]` first). Labels are directed `[[ ]]` →
 * `<< >>`, so `[[ ]]` is the subject. The text is the sentence without markers, tokens joined by single
 * spaces; markers that disagree with `metadata` reject the line.
 */
export const sciercRelationReader: DatasetReader = {
  name: "scierc-relation",
  description:
    "SciERC relation JSON Lines ({text with [[ ]] and << >> markers, label, metadata}) → one relations record " +
    "per line, [[ ]] as subject; text is the unmarked tokens joined by single spaces",
  detect(_path: string, head: string): Detection {
    const first = firstLine(head);
    const marked = /"text"\s*:/.test(first) && first.includes("[[") && first.includes("<<");
    if (marked && /"label"\s*:/.test(first) && /"metadata"\s*:/.test(first)) return "certain";
    return marked && /"label"\s*:/.test(first) ? "likely" : "no";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, "scierc");
    const lang = options.lang ?? "en";
    for await (const entry of readJsonLines(path)) {
      const location = { file: path, line: entry.line };
      if (!entry.ok) yield rejection(entry.reason, location, entry.text);
      else yield lineItem(entry.value, { source, lang, location, id: `${source}-${entry.line}` });
    }
  },
};

function lineItem(
  value: unknown,
  context: { source: string; lang: "en" | "zh"; location: Location; id: string },
): ReadItem {
  const { location } = context;
  if (!isObject(value) || typeof value.text !== "string" || typeof value.label !== "string")
    return rejection("scierc: expected {text, label, metadata}", location, value);
  const marked = value.text.split(/\s+/).filter((token) => token !== "");
  const tokens = marked.filter((token) => !MARKERS.has(token));
  const found = markedArguments(marked);
  if (!found.subject || !found.object)
    return rejection("scierc: text lacks a [[ ]] or << >> argument", location, value);
  const metadata = Array.isArray(value.metadata) ? value.metadata.map(Number) : [];
  const agrees =
    metadata.length === 4 && [...found.subject, ...found.object].every((n, i) => n === metadata[i]);
  if (!agrees)
    return rejection(
      `scierc: markers at ${JSON.stringify(found)} disagree with metadata ${JSON.stringify(value.metadata)}`,
      location,
      value,
    );
  const text = joinTokens(tokens);
  const subject = tokenSpan(text, ...found.subject);
  const object = tokenSpan(text, ...found.object);
  if (!subject || !object) return rejection("scierc: an argument marks no tokens", location, value);
  const relation = {
    subject: subject.text,
    relation: value.label,
    object: object.text,
    subject_start: subject.start,
    object_start: object.start,
  };
  const { source, lang, id } = context;
  return checkedItem(
    { kind: "relations", id, source, lang, text: text.text, relations: [relation] },
    location,
    value,
  );
}

/** Walks the marked tokens, counting unmarked ones, to find where each marked argument lies. */
function markedArguments(marked: string[]): Arguments {
  const found: Arguments = {};
  let index = 0;
  let subjectStart = -1;
  let objectStart = -1;
  for (const token of marked) {
    if (token === "[[") subjectStart = index;
    else if (token === "]]") found.subject = [subjectStart, index - 1];
    else if (token === "<<") objectStart = index;
    else if (token === ">>") found.object = [objectStart, index - 1];
    else index++;
  }
  return found;
}
