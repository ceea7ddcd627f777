import type { Language } from "../records/index.ts";
import type { SchemaChunk, TaskName } from "../tasks/index.ts";

/**
 * What the linter reads of one instruction, from a synthesised instruction record or an eval record:
 * eval records name their chunk and format; for synthesised ones both are read off the instruction.
 */
export interface LintSubject {
  task: TaskName;
  lang: Language;
  kind: "basic" | "compound";
  instruction: string;
  output: string;
  label: unknown;
  chunk?: SchemaChunk;
  format?: string;
}

/** A synthesis record (`output`) or an eval record (`reference_output`, `variant`), or an error. */
export function lintSubject(value: unknown): LintSubject | string {
  if (typeof value !== "object" || value === null) return "not a JSON object";
  const record = value as Record<string, unknown>;
  if (typeof record.task !== "string") return "no task";
  if (typeof record.instruction !== "string") return "no instruction";
  const output = typeof record.output === "string" ? record.output : record.reference_output;
  if (typeof output !== "string") return "no output (or reference_output)";
  if (record.lang !== "en" && record.lang !== "zh") return "lang must be en or zh";
  const kind = record.kind === "compound" || record.variant === "C" ? "compound" : ("basic" as const);
  const subject: LintSubject = {
    task: record.task as TaskName,
    lang: record.lang,
    kind,
    instruction: record.instruction,
    output,
    label: record.label,
  };
  if (typeof record.chunk === "object" && record.chunk !== null) subject.chunk = record.chunk as SchemaChunk;
  if (typeof record.format === "string") subject.format = record.format;
  return subject;
}
