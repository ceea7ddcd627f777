// The shapes a caller hands to the LLM client and gets back. Kept free of I/O so every other file in
// src/llm/ (and every command) can share them.
import type { z } from "zod";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** Sampling parameters passed through to the server unchanged; they are part of the cache key. */
export interface GenerationParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
}

export interface LlmRequest<T = string> {
  messages: ChatMessage[];
  params?: GenerationParams;
  /** When present the server is asked for JSON matching it and the answer is validated against it. */
  schema?: z.ZodType<T>;
  /** Name sent in `response_format.json_schema.name`; defaults to "response". */
  schemaName?: string;
  /** Bump it when a prompt's wording changes so earlier cached answers stop matching. */
  promptVersion?: string;
  /** The caller's own name for the request (for failure records); not part of the cache key. */
  id?: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/**
 * Why a request failed. `http_<status>` for refused HTTP calls; the others are transport or content
 * failures. Retried ones only appear here once the retry limit is used up.
 */
export type FailureReason =
  | `http_${number}`
  | "timeout"
  | "connection"
  | "bad_response"
  | "no_content"
  | "length"
  | "invalid_json"
  | "schema_mismatch"
  | "not_cached"
  /** Never sent: the run was stopped first (systematic failures, --max-failures, Ctrl-C). */
  | "stopped";

export interface LlmSuccess<T> {
  ok: true;
  key: string;
  value: T;
  rawText: string;
  finishReason: string;
  usage: TokenUsage;
  fromCache: boolean;
}

export interface LlmFailure {
  ok: false;
  key: string;
  reason: FailureReason;
  message: string;
  /** The last text the server sent for this request, kept so a failed parse can be inspected. */
  rawText: string | null;
  attempts: number;
}

export type LlmResult<T> = LlmSuccess<T> | LlmFailure;
