import type { Relation } from "../records/index.ts";
import { isObject } from "../util/index.ts";
import { firstLine } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { readJsonLines } from "./read-json-file.ts";
import type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";
import { gatherSentences, groupPairs, isGroup, type PairLine } from "./sentence-groups.ts";
import { sourceName } from "./source-name.ts";
import { joinTokens, tokenSpan } from "./token-text.ts";

const MARKERS = new Set(["[[", "]]", "<<", ">>"]);

/** Token range (inclusive) of each marked argument in the unmarked sentence. */
interface Arguments {
  subject?: [number, number];
  object?: [number, number];
}

/**
 * SciERC relations as SciBERT ships them: JSON Lines `{text, label, metadata}`, one relation per line,
 * the text whitespace-tokenised with the first argument in `[[ ]]` and the second in `<< >>`;
 * `metadata` holds their inclusive token spans in the unmarked sentence (`[[ ]]` first). Labels are
 * directed `[[ ]]` → `<< >>`, so `[[ ]]` is the subject. The text is the sentence without markers,
 * tokens joined by single spaces; markers that disagree with `metadata` reject the line. Lines of the
 * same sentence (anywhere in the file) are gathered into one record holding all its relations.
 */
export const sciercRelationReader: DatasetReader = {
  name: "scierc-relation",
  description:
    "SciERC relation JSON Lines ({text with [[ ]] and << >> markers, label, metadata}) → one relations record " +
    "per sentence with all its relations, [[ ]] as subject; text is the unmarked tokens joined by single spaces",
  detect(_path: string, head: string): Detection {
    const first = firstLine(head);
    const marked = /"text"\s*:/.test(first) && first.includes("[[") && first.includes("<<");
    if (marked && /"label"\s*:/.test(first) && /"metadata"\s*:/.test(first)) return "certain";
    return marked && /"label"\s*:/.test(first) ? "likely" : "no";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, "scierc");
    const lang = options.lang ?? "en";
    for (const slot of await gatherSentences(pairLines(path, options))) {
      if (!isGroup(slot)) {
        yield slot;
        continue;
      }
      const raw = slot.lines.map((line) => line.raw);
      const relations = groupPairs(slot, "scierc");
      if (typeof relations === "string") yield rejection(relations, slot.location, raw);
      else {
        const id = `${source}-${slot.location.line}`;
        const record = { kind: "relations", id, source, lang, text: slot.key, relations };
        yield checkedItem(record, slot.location, raw);
      }
    }
  },
};

type Rejection = Extract<ReadItem, { ok: false }>;

async function* pairLines(path: string, options: ReadOptions): AsyncIterable<PairLine<Relation> | Rejection> {
  for await (const entry of readJsonLines(path)) {
    const location = { file: path, line: entry.line };
    if (!entry.ok) yield { ok: false, reason: entry.reason, location, raw: entry.text };
    else yield lineOf(entry.value, location, options);
  }
}

/** A line → its sentence (the unmarked text) and its relation, or a rejection when it has no sentence. */
function lineOf(value: unknown, location: Location, options: ReadOptions): PairLine<Relation> | Rejection {
  if (!isObject(value) || typeof value.text !== "string" || typeof value.label !== "string")
    return rejection("scierc: expected {text, label, metadata}", location, value) as Rejection;
  const marked = value.text.split(/\s+/).filter((token) => token !== "");
  const text = joinTokens(
    marked.filter((token) => !MARKERS.has(token)),
    options,
  );
  const line = { key: text.text, location, raw: value };
  const found = markedArguments(marked);
  if (!found.subject || !found.object)
    return { ...line, pair: { problem: "text lacks a [[ ]] or << >> argument" } };
  const metadata = Array.isArray(value.metadata) ? value.metadata.map(Number) : [];
  const agrees =
    metadata.length === 4 && [...found.subject, ...found.object].every((n, i) => n === metadata[i]);
  if (!agrees) {
    const problem = `markers at ${JSON.stringify(found)} disagree with metadata ${JSON.stringify(value.metadata)}`;
    return { ...line, pair: { problem } };
  }
  const subject = tokenSpan(text, ...found.subject);
  const object = tokenSpan(text, ...found.object);
  if (!subject || !object) return { ...line, pair: { problem: "an argument marks no tokens" } };
  const pair: Relation = {
    subject: subject.text,
    relation: value.label,
    object: object.text,
    subject_start: subject.start,
    object_start: object.start,
  };
  return { ...line, pair };
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
