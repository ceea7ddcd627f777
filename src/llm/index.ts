// The LLM layer's public API: what a command needs to talk to any OpenAI-compatible server.
//
//   const client = createLlmClient({ baseUrl: "http://localhost:8000/v1", model: "qwen2.5-7b" });
//
//   // One request at a time (evaluation prompts, small jobs):
//   const text = await client.complete({ messages, params: { temperature: 0 } });
//   const rules = await client.completeStructured({ messages, schema: RulesSchema, promptVersion: "rules/1" });
//   if (rules.ok) use(rules.value); else report(rules.reason, rules.rawText);
//
//   // Many requests: plan first, then run them live ...
//   const plan = client.plan(requests);              // keys + cache state, no calls
//   const results = await client.run(plan);          // in plan order, each ok or a recorded failure
//   // ... or hand the missing ones to a cluster and import its answers:
//   exportBatchFile(plan, "out/batch.jsonl");        // OpenAI Batch / vLLM run-batch input
//   await importBatchResults(client.cache, "out/results.jsonl", plan);
//
//   client.close();                                  // prints the one-line summary, returns it
//
// Every request ends either answered (and cached in `.hum/cache.sqlite`) or failed (and appended with
// its raw text to `.hum/failed-requests.jsonl`, under a header line per run). A killed run repeats no
// answered request. `run` throws LlmRunError when the run stopped early (the first attempts all failed
// the same hopeless way, or more than `maxFailures` failed) or when not one request succeeded.

export { type BatchImportReport, exportBatchFile, importBatchResults } from "./batch-file.ts";
export type {
  ChatMessage,
  FailureReason,
  GenerationParams,
  LlmFailure,
  LlmRequest,
  LlmResult,
  LlmSuccess,
  TokenUsage,
} from "./chat-request.ts";
export {
  createLlmClient,
  type LlmClient,
  LlmRunError,
  type StructuredRequest,
  type TextRequest,
} from "./client.ts";
export { checkBaseUrl, type LlmClientOptions } from "./client-options.ts";
export {
  DEFAULT_CACHE_PATH,
  DEFAULT_FAILURE_LOG_PATH,
  failureLogBeside,
  GENERATION,
} from "./llm-defaults.ts";
export {
  type Ask,
  clientAsk,
  type LlmJob,
  type LlmMode,
  type PlanReport,
  RUN_MODE,
  runLlmJob,
} from "./llm-job.ts";
export type { RateLimits } from "./rate-limiter.ts";
export { estimatePromptTokens } from "./request-body.ts";
export { RequestCache } from "./request-cache.ts";
export type { PlannedRequest, RequestPlan } from "./request-plan.ts";
export type { RetryPolicy } from "./retry-policy.ts";
export { formatRunSummary, type ModelPrice, type RunSummary } from "./run-summary.ts";
export { redactSecrets } from "./secret-redaction.ts";
