// One HTTP attempt against `/v1/chat/completions`, reduced to what the retry loop needs to decide:
// an answer, or a failure that is or is not worth retrying. The API key only ever goes into the
// Authorization header; no message built here contains it.
import { z } from "zod";
import { describeIssues } from "../io/index.ts";
import type { FailureReason, TokenUsage } from "./chat-request.ts";
import type { ChatCompletionBody } from "./request-body.ts";
import { isRetryableStatus, parseRetryAfter } from "./retry-policy.ts";

export interface Endpoint {
  /** Up to and including `/v1`, e.g. `http://127.0.0.1:8000/v1`. */
  baseUrl: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

export interface CompletionAnswer {
  kind: "answer";
  text: string;
  finishReason: string;
  usage: TokenUsage;
}

export interface AttemptFailure {
  kind: "failure";
  reason: FailureReason;
  retryable: boolean;
  message: string;
  rawText: string | null;
  retryAfterMs: number | null;
}

export type AttemptOutcome = CompletionAnswer | AttemptFailure;

const rawTextLimit = 4000;

export async function postChatCompletion(
  endpoint: Endpoint,
  body: ChatCompletionBody,
): Promise<AttemptOutcome> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
  try {
    // One signal covers connecting, waiting and reading the body: a server that hangs mid-body times out too.
    const response = await fetch(`${endpoint.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) return refused(response, text);
    return parseCompletionResponse(text);
  } catch (error) {
    return transportFailure(error, endpoint.timeoutMs);
  }
}

function refused(response: Response, text: string): AttemptFailure {
  return {
    kind: "failure",
    reason: `http_${response.status}`,
    retryable: isRetryableStatus(response.status),
    message: `HTTP ${response.status}: ${text.slice(0, 300)}`,
    rawText: text.slice(0, rawTextLimit),
    retryAfterMs: parseRetryAfter(response.headers, Date.now()),
  };
}

/** Reads a `chat.completion` response body; also used for the bodies inside Batch result files. */
export function parseCompletionResponse(text: string): AttemptOutcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return retryableFailure("bad_response", "response body is not JSON", text.slice(0, rawTextLimit));
  }
  const parsed = CompletionPayload.safeParse(json);
  if (!parsed.success)
    return retryableFailure(
      "bad_response",
      `response is not a chat completion (${describeIssues(parsed.error.issues)})`,
      text.slice(0, rawTextLimit),
    );
  const payload = parsed.data;
  const choice = payload.choices[0];
  if (!choice)
    return retryableFailure("bad_response", "response has no choices", text.slice(0, rawTextLimit));
  const content = choice.message?.content;
  if (typeof content !== "string") {
    return retryableFailure("no_content", "choice has no text content", text.slice(0, rawTextLimit));
  }
  return {
    kind: "answer",
    text: content,
    finishReason: choice.finish_reason ?? "stop",
    usage: {
      promptTokens: payload.usage?.prompt_tokens ?? 0,
      completionTokens: payload.usage?.completion_tokens ?? 0,
    },
  };
}

// What Hum reads of a completion; servers add fields freely, and content may be null (tool calls).
const CompletionPayload = z.looseObject({
  choices: z.array(
    z.looseObject({
      message: z.looseObject({ content: z.unknown() }).nullish(),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: z
    .looseObject({ prompt_tokens: z.number().nullish(), completion_tokens: z.number().nullish() })
    .nullish(),
});

function transportFailure(error: unknown, timeoutMs: number): AttemptFailure {
  const name = (error as Error)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return retryableFailure("timeout", `no complete response within ${timeoutMs} ms`, null);
  }
  return retryableFailure("connection", describeConnectionError(error), null);
}

// fetch reports "fetch failed" and hides the useful part (ECONNRESET, "other side closed") in `cause`.
function describeConnectionError(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const detail = cause ? (cause.code ?? cause.message) : undefined;
  return detail ? `${message} (${detail})` : message;
}

function retryableFailure(reason: FailureReason, message: string, rawText: string | null): AttemptFailure {
  return { kind: "failure", reason, retryable: true, message, rawText, retryAfterMs: null };
}
