// Tolerant readers for answers that follow no registered format exactly: markdown tables with any
// header a model writes, `(a, b, c)` tuple lines and `label: v1, v2` lines.
import type { AnswerRow, SchemaChunk, TaskSpec } from "../tasks/index.ts";
import { isEmptyWord } from "./empty-values.ts";
import { cells, SEPARATOR_CELL, unescapeCell } from "./markdown-cells.ts";

/** Header names models write for each answer column. */
const COLUMN_ALIASES: Record<string, readonly string[]> = {
  type: ["type", "entity_type", "label", "category", "entity_label"],
  entity: ["entity", "text", "span", "mention", "name", "value", "entity_text", "entity_name"],
  subject: ["subject", "head", "head_entity", "subject_entity"],
  predicate: ["predicate", "relation", "relation_type", "relationship"],
  object: ["object", "tail", "tail_entity", "object_entity"],
  event_type: ["event_type", "type", "event"],
  trigger: ["trigger", "trigger_word", "event_trigger"],
  role: ["role", "argument_role"],
  argument: ["argument", "value", "argument_value", "argument_text"],
  answer: ["answer"],
};

/** The answer column a header or key names, or undefined. */
export function columnFor(task: TaskSpec, name: string): string | undefined {
  const key = name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (task.columns.includes(key)) return key;
  return task.columns.find((column) => COLUMN_ALIASES[column]?.includes(key));
}

/** Rows of a markdown table (header, separator, body); undefined when the text has no table. */
export function markdownRows(task: TaskSpec, text: string): AnswerRow[] | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith("|"));
  if (lines.length < 2 || !cells(lines[1]).every((cell) => SEPARATOR_CELL.test(cell))) return undefined;
  const header = cells(lines[0]);
  const mapped = header.map((name) => columnFor(task, name));
  const columns = mapped.every((c) => c === undefined) ? [...task.columns] : mapped;
  return lines.slice(2).flatMap((line) => {
    const row: AnswerRow = {};
    cells(line).forEach((value, index) => {
      const column = columns[index];
      if (column && !isEmptyWord(value)) row[column] = unescapeCell(value);
    });
    return completeRow(task, row) ? [row] : [];
  });
}

/**
 * Rows of text lines: `(a, b, c)` tuples in column order, or `label: v1, v2` lines (NER and EET).
 * Undefined when no line has either shape.
 */
export function lineRows(task: TaskSpec, text: string, chunk: SchemaChunk): AnswerRow[] | undefined {
  const rows: AnswerRow[] = [];
  let recognised = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^[-*•]\s*/, "");
    const tuple = /^\((.*)\)[,;.]?$/.exec(line);
    if (tuple) {
      recognised = true;
      const row = tupleRow(task, splitValues(tuple[1]), chunk);
      if (row) rows.push(row);
      continue;
    }
    const keyed = /^([^:：]+)[:：](.*)$/.exec(line);
    // Only a label the chunk asked starts a label line: "Result: Hinton is a person." is prose.
    const label = keyed ? askedLabel(keyed[1], chunk) : undefined;
    if (keyed && label !== undefined && task.columns.length === 2) {
      recognised = true;
      const [typeColumn, valueColumn] = task.columns;
      for (const value of splitValues(keyed[2]))
        if (!isEmptyWord(value)) rows.push({ [typeColumn]: label, [valueColumn]: value });
    }
  }
  return recognised ? rows : undefined;
}

/** The asked label a line names (exactly, or ignoring case and outer quotes), or undefined. */
function askedLabel(name: string, chunk: SchemaChunk): string | undefined {
  const bare = name.trim().replace(/^["'“”*]+|["'“”*]+$/g, "");
  return (
    chunk.labels.find((l) => l === bare) ?? chunk.labels.find((l) => l.toLowerCase() === bare.toLowerCase())
  );
}

function splitValues(text: string): string[] {
  return text
    .split(/\s*[,，]\s*/)
    .map((value) => value.trim().replace(/^["'“”]|["'“”]$/g, ""))
    .filter((value) => value !== "");
}

/** Map a tuple's parts to columns; a value holding commas is rejoined around the known label. */
function tupleRow(task: TaskSpec, parts: string[], chunk: SchemaChunk): AnswerRow | undefined {
  const columns = task.columns;
  if (parts.length === columns.length) return Object.fromEntries(columns.map((c, i) => [c, parts[i]]));
  if (parts.length < columns.length) return undefined;
  if (columns.length === 2) return { [columns[0]]: parts[0], [columns[1]]: parts.slice(1).join(", ") };
  if (columns.length === 3) {
    const at = parts.findIndex((part, i) => i > 0 && i < parts.length - 1 && chunk.labels.includes(part));
    if (at < 0) return undefined;
    return {
      [columns[0]]: parts.slice(0, at).join(", "),
      [columns[1]]: parts[at],
      [columns[2]]: parts.slice(at + 1).join(", "),
    };
  }
  return undefined;
}

/**
 * A row needs every column, except EE's role and argument: an event may have no arguments, and a role
 * without its argument is dropped (NAN).
 */
function completeRow(task: TaskSpec, row: AnswerRow): boolean {
  if (task.name === "EE" && (row.role === undefined || row.argument === undefined)) {
    row.role = "";
    row.argument = "";
  }
  return task.columns.every((column) => row[column] !== undefined);
}
