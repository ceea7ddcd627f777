import type { Entity } from "../records/index.ts";
import { completeLines, readHead } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { readLines } from "./read-lines.ts";
import type { DatasetReader, Detection, ReadItem, ReadOptions } from "./reader.ts";
import { fileStem, sourceName } from "./source-name.ts";
import { decodeTags, isTag } from "./tag-decoding.ts";
import { joinTokens } from "./token-text.ts";

/** Which column holds the token and which the tag. */
interface Layout {
  tagFirst: boolean;
}

interface Sentence {
  line: number;
  tokens: string[];
  tags: string[];
  /** Every line of the sentence that could not be read. */
  problems: string[];
}

/**
 * CoNLL-style token/tag files: one token per line, sentences separated by blank lines, BIO, IOB1 or
 * BIOES tags, tag first (MIT Movie) or last (CrossNER, CoNLL-2003, SciERC), columns separated by a
 * tab or by spaces, extra columns ignored, `-DOCSTART-` and `#` comment lines skipped, LF or CRLF.
 */
export const conllReader: DatasetReader = {
  name: "conll",
  description:
    "CoNLL-style token/tag files (BIO, IOB1 or BIOES; tag first or last; tab or space separated). " +
    "The text is rebuilt by joining the tokens with single spaces, and entity offsets point into it; " +
    "an I- tag without its B- starts a new entity",
  detect(_path: string, head: string): Detection {
    const lines = completeLines(head).filter((line) => !isSkippedLine(line));
    if (lines.length === 0 || lines.some((line) => line.includes("['"))) return "no";
    const tagged = lines.filter((line) => tagColumnOf(splitColumns(line)) !== undefined).length;
    if (tagged / lines.length < 0.9) return "no";
    return head.includes("\n\n") || head.includes("\r\n\r\n") || lines.length < 200 ? "certain" : "likely";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const layout = chooseLayout(readHead(path));
    const source = sourceName(path, options, fileStem(path));
    const lang = options.lang ?? "en";
    let number = 0;
    for await (const sentence of readSentences(path, layout)) {
      number++;
      const location = { file: path, line: sentence.line };
      const raw = { tokens: sentence.tokens, tags: sentence.tags };
      if (sentence.problems.length > 0) {
        yield rejection(`conll: ${sentence.problems.join("; ")}`, location, raw);
        continue;
      }
      const { text, starts, ends } = joinTokens(sentence.tokens, options);
      const entities: Entity[] = decodeTags(sentence.tags).map((span) => ({
        text: text.slice(starts[span.start], ends[span.end - 1]),
        type: span.type,
        start: starts[span.start],
        end: ends[span.end - 1],
      }));
      yield checkedItem(
        { kind: "entities", id: `${fileStem(path)}-${number}`, source, lang, text, entities },
        location,
        raw,
      );
    }
  },
};

/** Sentences as token and tag lists; every line without a token and a tag is a problem of its sentence. */
async function* readSentences(path: string, layout: Layout): AsyncIterable<Sentence> {
  let current: Sentence | undefined;
  for await (const { line, text, invalid } of readLines(path)) {
    if (invalid) {
      current ??= { line, tokens: [], tags: [], problems: [] };
      current.problems.push(`line ${line}: ${invalid}`);
      continue;
    }
    if (text.trim() === "" || isDocumentStart(text)) {
      if (current) yield current;
      current = undefined;
      continue;
    }
    const columns = splitColumns(text);
    const tag = layout.tagFirst ? columns[0] : columns[columns.length - 1];
    const token = layout.tagFirst ? columns[columns.length - 1] : columns[0];
    if (columns.length < 2 || !isTag(tag)) {
      if (text.startsWith("#")) continue;
      current ??= { line, tokens: [], tags: [], problems: [] };
      current.problems.push(
        `line ${line} has no token and tag columns: ${JSON.stringify(text.slice(0, 80))}`,
      );
      continue;
    }
    current ??= { line, tokens: [], tags: [], problems: [] };
    current.tokens.push(token);
    current.tags.push(tag);
  }
  if (current) yield current;
}

function isDocumentStart(line: string): boolean {
  return line.startsWith("-DOCSTART-");
}

function isSkippedLine(line: string): boolean {
  return isDocumentStart(line) || (line.startsWith("#") && tagColumnOf(splitColumns(line)) === undefined);
}

/** Tabs separate columns when present (tokens may then hold spaces); otherwise runs of spaces do. */
function splitColumns(line: string): string[] {
  return line.includes("\t") ? line.split("\t").map((column) => column.trim()) : line.trim().split(/ +/);
}

function tagColumnOf(columns: string[]): "first" | "last" | undefined {
  if (columns.length < 2) return undefined;
  if (isTag(columns[columns.length - 1])) return "last";
  return isTag(columns[0]) ? "first" : undefined;
}

/**
 * Tag first or last, decided once per file from its head: the column that holds a tag on more lines.
 * Ties go to tag last, the CoNLL-2003 convention (a token "O" can look like a tag, a tag never looks
 * like anything else).
 */
function chooseLayout(head: string): Layout {
  let first = 0;
  let last = 0;
  for (const line of completeLines(head, 1000)) {
    if (isSkippedLine(line)) continue;
    const columns = splitColumns(line);
    if (columns.length < 2) continue;
    if (isTag(columns[0])) first++;
    if (isTag(columns[columns.length - 1])) last++;
  }
  return { tagFirst: first > last };
}
