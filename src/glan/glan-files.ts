// Reading and writing the phase files. Reading names the file and line of every bad item (and keeps
// going, so one typo in a hand-edited file costs one item, not the run); writing is all or nothing:
// lines go to a temporary file beside the target, which is renamed over it once complete.
import type { z } from "zod";
import { readLines } from "../io/index.ts";

/** An input line that could not be used. */
export interface BadLine {
  file: string;
  line: number;
  reason: string;
}

export interface ReadOutcome<T> {
  items: T[];
  bad: BadLine[];
}

/** Every valid item of a JSONL file, in file order; an id seen before makes the later line bad. */
export async function readItems<T extends { id: string }>(
  path: string,
  schema: z.ZodType<T>,
): Promise<ReadOutcome<T>> {
  const outcome: ReadOutcome<T> = { items: [], bad: [] };
  const seen = new Set<string>();
  for await (const { line, text, invalid } of readLines(path)) {
    if (invalid) {
      outcome.bad.push({ file: path, line, reason: invalid });
      continue;
    }
    if (text.trim() === "") continue;
    const reason = parseLine(text, schema, seen, outcome.items);
    if (reason !== null) outcome.bad.push({ file: path, line, reason });
  }
  return outcome;
}

function parseLine<T extends { id: string }>(
  text: string,
  schema: z.ZodType<T>,
  seen: Set<string>,
  items: T[],
): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `invalid JSON: ${(error as Error).message}`;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".") || "(item)"}: ${issue.message}`);
    return `schema: ${issues.join("; ")}`;
  }
  if (seen.has(parsed.data.id)) return `duplicate id ${parsed.data.id}`;
  seen.add(parsed.data.id);
  items.push(parsed.data);
  return null;
}
