// Turning a model's text into a typed value. Servers that ignore `response_format` (or honour it
// loosely) still send prose, code fences, trailing commas or a cut-off object, so we never trust the
// text: cut out the first JSON value, repair it, parse it, and validate it with the caller's schema.
import { jsonrepair } from "jsonrepair";
import type { z } from "zod";
import { firstJsonText } from "../formats/index.ts";

export type ParseOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "invalid_json" | "schema_mismatch"; message: string };

export function parseStructuredAnswer<T>(text: string, schema: z.ZodType<T>): ParseOutcome<T> {
  const candidate = extractJsonText(text);
  if (candidate === null)
    return { ok: false, reason: "invalid_json", message: "no JSON object or array found" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(jsonrepair(candidate));
  } catch (error) {
    return { ok: false, reason: "invalid_json", message: (error as Error).message };
  }
  const validated = schema.safeParse(parsed);
  if (validated.success) return { ok: true, value: validated.data };
  return { ok: false, reason: "schema_mismatch", message: summarizeIssues(validated.error) };
}

/** The text of the first JSON value (see formats' JSON locator); null when there is none. */
export function extractJsonText(text: string): string | null {
  return firstJsonText(text) ?? null;
}

function summarizeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}
