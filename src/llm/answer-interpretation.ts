// Whether a server's answer is usable for the request that asked for it. The same check runs on fresh
// answers and on cached ones, so tightening it re-examines the cache instead of trusting old verdicts.
import type { LlmRequest } from "./chat-request.ts";
import { parseStructuredAnswer } from "./structured-output.ts";

export type Interpretation<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "length" | "invalid_json" | "schema_mismatch"; message: string };

export function interpretAnswer<T>(
  request: LlmRequest<T>,
  text: string,
  finishReason: string,
): Interpretation<T> {
  // A cut-off answer is a failure even when it happens to parse: the missing part is unknowable.
  if (finishReason === "length")
    return { ok: false, reason: "length", message: "answer cut off at max_tokens" };
  if (!request.schema) return { ok: true, value: text as T };
  return parseStructuredAnswer(text, request.schema);
}
