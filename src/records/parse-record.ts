import { fastRecord } from "./fast-record.ts";
import { CanonicalRecord } from "./record.ts";
import { spanProblems } from "./spans.ts";

export type ParseResult =
  | { ok: true; record: CanonicalRecord }
  | { ok: false; reason: string; value?: unknown };

/** One line of canonical JSONL → a validated record, or the reason it is rejected. */
export function parseRecordLine(line: string, checkSpans = true): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${(error as Error).message}` };
  }
  return validateRecord(value, checkSpans);
}

/** A parsed value → a validated record: schema first, then (unless told not to) spans against the text. */
export function validateRecord(value: unknown, checkSpans = true): ParseResult {
  // Plainly valid records of the common kinds skip zod; zod judges the rest and words the reasons.
  let record = fastRecord(value);
  if (!record) {
    const parsed = CanonicalRecord.safeParse(value);
    if (!parsed.success)
      return { ok: false, reason: `schema: ${describeIssues(parsed.error.issues)}`, value };
    record = parsed.data;
  }
  if (!checkSpans) return { ok: true, record };
  const problems = spanProblems(record);
  if (problems.length > 0) return { ok: false, reason: `span: ${problems.join("; ")}`, value };
  return { ok: true, record };
}

function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join(".") || "(record)"}: ${issue.message}`)
    .join("; ");
}
