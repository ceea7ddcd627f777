import { readLines } from "../readers/index.ts";
import type { InstructionRecord } from "../synth/index.ts";

/** One line of an instructions file: a record to export, or a line rejected with its reason. */
export type InputLine =
  | { line: number; record: InstructionRecord }
  | { line: number; reason: string; text: string };

const REQUIRED_STRINGS = ["id", "task", "source", "lang", "instruction", "output", "record_id"] as const;

/** Stream the instructions of a `hum synth` output; blank lines are skipped, bad ones rejected. */
export async function* readInstructions(path: string): AsyncIterable<InputLine> {
  for await (const { line, text } of readLines(path)) {
    if (text.trim() === "") continue;
    const checked = checkInstruction(text);
    yield typeof checked === "string" ? { line, reason: checked, text } : { line, record: checked };
  }
}

function checkInstruction(text: string): InstructionRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `invalid JSON: ${(error as Error).message}`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "schema: not a JSON object";
  const record = value as Record<string, unknown>;
  for (const key of REQUIRED_STRINGS)
    if (typeof record[key] !== "string" || (key !== "output" && record[key] === ""))
      return `schema: "${key}" must be a non-empty string`;
  if (record.kind !== undefined && record.kind !== "basic" && record.kind !== "compound")
    return 'schema: "kind" must be "basic" or "compound"';
  if (record.strategies !== undefined && !isStringList(record.strategies))
    return 'schema: "strategies" must be a list of strings';
  return { kind: "basic", strategies: [], ...record } as unknown as InstructionRecord;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
