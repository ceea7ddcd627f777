// The exact `/v1/chat/completions` body for a request, and the cache key derived from it. The key covers
// everything that changes what the server would answer (model, messages, sampling parameters, response
// schema) plus the prompt version, and nothing about how we parse the answer: a parser fix then
// re-parses cached text instead of paying for new calls.
import { z } from "zod";
import { canonicalJson, sha256Hex } from "./canonical-json.ts";
import type { ChatMessage, GenerationParams, LlmRequest } from "./chat-request.ts";

export interface ChatCompletionBody {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  response_format?: JsonSchemaResponseFormat;
}

export interface JsonSchemaResponseFormat {
  type: "json_schema";
  json_schema: { name: string; schema: Record<string, unknown>; strict: true };
}

export function chatCompletionBody(model: string, request: LlmRequest<unknown>): ChatCompletionBody {
  const body: ChatCompletionBody = {
    model,
    messages: request.messages.map(({ role, content }) => ({ role, content })),
    ...definedParams(request.params),
  };
  if (request.schema) body.response_format = responseFormat(request.schema, request.schemaName);
  return body;
}

export function requestKey(body: ChatCompletionBody, promptVersion: string | undefined): string {
  return sha256Hex(canonicalJson({ body, promptVersion: promptVersion ?? null }));
}

function definedParams(params: GenerationParams | undefined): GenerationParams {
  const { temperature, top_p, max_tokens, seed } = params ?? {};
  const defined: GenerationParams = {};
  if (temperature !== undefined) defined.temperature = temperature;
  if (top_p !== undefined) defined.top_p = top_p;
  if (max_tokens !== undefined) defined.max_tokens = max_tokens;
  if (seed !== undefined) defined.seed = seed;
  return defined;
}

function responseFormat(schema: z.ZodType<unknown>, name: string | undefined): JsonSchemaResponseFormat {
  // `$schema` is dropped because some servers reject unknown top-level keywords in strict mode.
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema) as Record<string, unknown>;
  return {
    type: "json_schema",
    json_schema: { name: schemaNameFor(name), schema: jsonSchema, strict: true },
  };
}

// OpenAI accepts [a-zA-Z0-9_-]{1,64} here.
function schemaNameFor(name: string | undefined): string {
  const cleaned = (name ?? "response").replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64);
  return cleaned === "" ? "response" : cleaned;
}

/** A rough prompt size for the tokens-per-minute limiter, before the server reports the real one. */
export function estimatePromptTokens(body: ChatCompletionBody): number {
  let characters = 0;
  for (const message of body.messages) characters += message.content.length;
  if (body.response_format) characters += JSON.stringify(body.response_format).length;
  return Math.ceil(characters / 4);
}
