// Turning a model's text into a typed value. Servers that ignore `response_format` (or honour it
// loosely) still send prose, code fences, trailing commas or a cut-off object, so we never trust the
// text: cut out the first JSON value, repair it, parse it, and validate it with the caller's schema.
import { jsonrepair } from "jsonrepair";
import type { z } from "zod";

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

/**
 * The text from the first `{` or `[` to the end of the value it opens. When the value never closes
 * (a truncated answer) everything up to a closing code fence is kept, for jsonrepair to finish.
 */
export function extractJsonText(text: string): string | null {
  const start = text.search(/[[{]/);
  if (start < 0) return null;
  const end = endOfFirstValue(text, start);
  if (end !== null) return text.slice(start, end);
  const rest = text.slice(start);
  const fence = rest.indexOf("```");
  return fence >= 0 ? rest.slice(0, fence) : rest;
}

// Brackets inside strings do not count; escapes inside strings are skipped.
function endOfFirstValue(text: string, start: number): number | null {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === "\\") index++;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === "{" || character === "[") depth++;
    else if (character === "}" || character === "]") {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return null;
}

function summarizeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}
