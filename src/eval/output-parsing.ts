import {
  answerFromJson,
  FORMATS,
  findJson,
  lineRows,
  markdownRows,
  type OutputFormat,
  parseAnyFormat,
} from "../formats/index.ts";
import type { SchemaChunk, ScoreTuple, TaskSpec } from "../tasks/index.ts";
import { choiceTuples } from "./choice-answer.ts";

/** What one output contributes: its tuples (EE also argument tuples), or why it could not be read. */
export type ParsedOutput =
  | {
      ok: true;
      tuples: ScoreTuple[];
      argumentTuples: ScoreTuple[];
      how: string;
      /** The labels the chunk asked: tuples of other labels are dropped before scoring. */
      askedLabels?: readonly string[];
    }
  | { ok: false; reason: string };

/**
 * Read a model's answer in whatever format it came. IE tasks try, in order: the format the instruction
 * asked for; any registered format (src/formats) on the JSON found in the text (whole, fenced, after
 * prose, repaired) or on the text itself; then the tolerant readers of src/formats (JSON in any
 * empty-value convention, flat rows, markdown tables, text lines). MRC and TC answers are matched to
 * their choices. Malformed entries inside a readable answer are skipped, as IEPile's extracters do.
 * `how` names the reader that took the output, for the report's per-set counts.
 */
export function parseOutput(task: TaskSpec, text: string, chunk: SchemaChunk, format?: string): ParsedOutput {
  if (task.style === "text") return choiceTuples(task, text, chunk, "tolerant");
  const asked = format ? formatNamed(format) : undefined;
  const exact = asked ? attempt(() => asked.parse(task, text, chunk)) : undefined;
  if (asked && exact !== undefined) return scored(task, exact, "asked-format");
  const found = findJson(text);
  if (found) {
    const how = `${JSON_READ_AS[found.location]}${found.repaired ? "-repaired" : ""}`;
    const registered = attempt(() => parseAnyFormat(task, JSON.stringify(found.value), chunk));
    if (registered !== undefined) return scored(task, registered, how);
    const answer = answerFromJson(task, found.value, chunk);
    if (answer !== undefined) return scored(task, answer, how);
  }
  const registered = found ? undefined : attempt(() => parseAnyFormat(task, text, chunk));
  if (registered !== undefined) return scored(task, registered, "other-format");
  const table = markdownRows(task, text);
  if (table) return scored(task, task.fromRows(table, chunk), "markdown-table");
  const lines = lineRows(task, text, chunk);
  if (lines && lines.length > 0) return scored(task, task.fromRows(lines, chunk), "text-lines");
  return { ok: false, reason: found ? "JSON not in the task's shape" : "no answer found" };
}

let formatsByName: Map<string, OutputFormat> | undefined;

/** The registered format of that name (looked up for every output scored). */
function formatNamed(name: string): OutputFormat | undefined {
  if (!formatsByName) {
    formatsByName = new Map();
    for (const f of FORMATS) if (!formatsByName.has(f.name)) formatsByName.set(f.name, f);
  }
  return formatsByName.get(name);
}

/** How a report names the place JSON was found: the whole output, a fenced block, or amid prose. */
const JSON_READ_AS = { whole: "json", fenced: "json-fenced", embedded: "json-in-prose" } as const;

/** The parse's answer, or undefined when it throws (every format throws on text it cannot read). */
function attempt(parse: () => unknown): unknown {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

function scored(task: TaskSpec, answer: unknown, how: string): ParsedOutput {
  return { ok: true, tuples: task.tuples(answer), argumentTuples: task.argumentTuples?.(answer) ?? [], how };
}
