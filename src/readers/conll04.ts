import type { Entity, Relation } from "../records/index.ts";
import { firstLine } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { readLines } from "./read-lines.ts";
import type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";
import { sourceName } from "./source-name.ts";
import { decodeTags, type TagSpan } from "./tag-decoding.ts";
import { joinTokens, type TokenText } from "./token-text.ts";

interface TokenRow {
  token: string;
  tag: string;
  relations: string[];
  heads: number[];
}

interface Block {
  id: string;
  line: number;
  rows: TokenRow[];
  problem?: string;
}

/**
 * CoNLL04 in the multi-head selection layout (Bekoulis et al.): `#doc <n>` opens a sentence, then
 * `idx token BIO [relations] [heads]` per token, where a relation sits on the last token of its
 * subject and points at the last token of its object. Each sentence gives a `relations` record
 * (`<n>`) and an `entities` record (`<n>#entities`); text is the tokens joined by single spaces.
 */
export const conll04Reader: DatasetReader = {
  name: "conll04",
  description:
    "CoNLL04 multi-head TSV (#doc headers; idx, token, BIO tag, relation list, head list) → one relations " +
    "and one entities record per sentence; text is the tokens joined by single spaces",
  detect(_path: string, head: string): Detection {
    const first = firstLine(head);
    const second = head.split(/\r?\n/, 2)[1] ?? "";
    if (/^#doc\b/.test(first) && /^\d+\t.*\t\[.*\]\t\[.*\]\s*$/.test(second)) return "certain";
    return /^\d+\t[^\t]+\t(O|[BI]-\S+)\t\['/m.test(head) ? "likely" : "no";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, "conll04");
    const lang = options.lang ?? "en";
    for await (const block of readBlocks(path)) {
      const location = { file: path, line: block.line };
      if (block.problem) yield rejection(block.problem, location, block);
      else yield* blockRecords(block, { source, lang, location, detokenize: options.detokenize });
    }
  },
};

async function* readBlocks(path: string): AsyncIterable<Block> {
  let block: Block | undefined;
  for await (const { line, text, invalid } of readLines(path)) {
    if (invalid) {
      block ??= { id: String(line), line, rows: [] };
      block.problem ??= `${invalid} (line ${line})`;
      continue;
    }
    if (text.trim() === "") continue;
    const header = /^#doc\s*(.*)$/.exec(text);
    if (header) {
      if (block) yield block;
      block = { id: header[1].trim() || String(line), line, rows: [] };
      continue;
    }
    block ??= { id: String(line), line, rows: [] };
    const row = parseRow(text);
    if (typeof row === "string") block.problem ??= `conll04: line ${line}: ${row}`;
    else block.rows.push(row);
  }
  if (block) yield block;
}

function parseRow(text: string): TokenRow | string {
  const columns = text.split("\t");
  if (columns.length < 3) return `expected at least 3 tab-separated columns, found ${columns.length}`;
  const relations = columns[3] === undefined ? ["N"] : pythonList(columns[3]);
  const heads = columns[4] === undefined ? [Number(columns[0])] : pythonList(columns[4]).map(Number);
  if (relations.length !== heads.length || heads.some((h) => !Number.isInteger(h)))
    return `relation and head lists do not align: ${columns[3]} ${columns[4]}`;
  return { token: columns[1], tag: columns[2], relations, heads };
}

/** `['Work_For', 'N']` or `[14, 3]` → its items as strings. */
function pythonList(text: string): string[] {
  const inner = text.trim().replace(/^\[/, "").replace(/\]$/, "").trim();
  if (inner === "") return [];
  return inner.split(",").map((item) => item.trim().replace(/^['"]|['"]$/g, ""));
}

interface RecordContext {
  source: string;
  lang: "en" | "zh";
  location: Location;
  detokenize?: boolean;
}

function* blockRecords(block: Block, context: RecordContext): Iterable<ReadItem> {
  const { source, lang, location } = context;
  const tokens = joinTokens(
    block.rows.map((row) => row.token),
    context,
  );
  const spans = decodeTags(block.rows.map((row) => row.tag));
  const byLastToken = new Map(spans.map((span) => [span.end - 1, span]));
  const relations: Relation[] = [];
  const problems: string[] = [];
  block.rows.forEach((row, index) => {
    row.relations.forEach((name, k) => {
      if (name === "N") return;
      const subject = byLastToken.get(index);
      const object = byLastToken.get(row.heads[k]);
      if (!subject || !object)
        problems.push(`${name} at token ${index} → ${row.heads[k]} does not join two entities`);
      else relations.push(relation(tokens, subject, name, object));
    });
  });
  const raw = block;
  if (problems.length > 0) {
    yield rejection(`conll04: ${problems.join("; ")}`, location, raw);
    return;
  }
  const entities = spans.map((span) => entity(tokens, span));
  const common = { source, lang, text: tokens.text };
  yield checkedItem({ kind: "relations", id: block.id, ...common, relations }, location, raw);
  yield checkedItem({ kind: "entities", id: `${block.id}#entities`, ...common, entities }, location, raw);
}

function entity(tokens: TokenText, span: TagSpan): Entity {
  const start = tokens.starts[span.start];
  const end = tokens.ends[span.end - 1];
  return { text: tokens.text.slice(start, end), type: span.type, start, end };
}

function relation(tokens: TokenText, subject: TagSpan, name: string, object: TagSpan): Relation {
  const s = entity(tokens, subject);
  const o = entity(tokens, object);
  return {
    subject: s.text,
    relation: name,
    object: o.text,
    subject_type: s.type,
    object_type: o.type,
    subject_start: s.start,
    object_start: o.start,
  };
}
