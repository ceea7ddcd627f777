// Texts a person edits without touching code (prompt templates, examples shown to a model) live in YAML
// files beside the code that reads them. Loading validates a file with its zod schema, so a mistake is
// reported with the file, the line and the field instead of surfacing later as a strange request; the
// hash of the text lets a caller tie what it derives (a cache key) to the exact file.
import { hash } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Document, isNode, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";

export interface YamlDataFile<T> {
  data: T;
  /** sha256 of the file's text, hex. */
  hash: string;
  path: string;
}

export function loadYamlDataFile<T>(path: string, schema: z.ZodType<T>): YamlDataFile<T> {
  const text = readFileSync(path, "utf8");
  return { data: parseYamlData(text, schema, path), hash: hash("sha256", text), path };
}

/** The text's data, or an error `<where>:<line>: <field>: <reason>` for the first problem. */
export function parseYamlData<T>(text: string, schema: z.ZodType<T>, where: string): T {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const syntax = document.errors[0];
  if (syntax) throw new Error(`${where}:${lines.linePos(syntax.pos[0]).line}: ${syntax.message}`);
  const parsed = schema.safeParse(document.toJS());
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const line = lineOf(document, lines, issue.path);
  throw new Error(`${where}${line ? `:${line}` : ""}: ${issue.path.join(".") || "(file)"}: ${issue.message}`);
}

// The node the field names, or the nearest one above it that exists (a missing key: its map).
function lineOf(document: Document, lines: LineCounter, path: readonly PropertyKey[]): number | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return null;
}
