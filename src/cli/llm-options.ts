import type { Command } from "commander";
import {
  clientAsk,
  createLlmClient,
  DEFAULT_CACHE_PATH,
  failureLogBeside,
  type LlmClientOptions,
  type LlmMode,
  type LlmRequest,
  type LlmResult,
} from "../llm/index.ts";
import {
  parseBaseUrl,
  parseNonNegativeNumber,
  parsePositiveInteger,
  parseTimeoutSeconds,
  parseWholeNumber,
} from "./option-parsers.ts";

/** The flags every LLM command shares (commander's camel-cased names). */
export interface LlmFlags {
  baseUrl: string;
  model: string;
  concurrency?: number;
  cache: string;
  apiKeyEnv?: string;
  rpm?: number;
  tpm?: number;
  timeout?: number;
  maxRetries?: number;
  priceIn?: number;
  priceOut?: number;
  offline?: boolean;
  maxFailures?: number;
  maxRetryWait?: number;
}

/** vLLM's default address: the one most local setups start from. */
export const DEFAULT_BASE_URL = "http://localhost:8000/v1";

/** Adds the shared LLM flags to a command. */
export function addLlmOptions(command: Command): Command {
  return command
    .option("--base-url <url>", "OpenAI-compatible endpoint up to /v1", parseBaseUrl, DEFAULT_BASE_URL)
    .requiredOption("--model <name>", "model name sent to the endpoint (part of every cache key)")
    .option(
      "--concurrency <n>",
      "requests in flight at once (default 8; use 1 for Ollama)",
      parsePositiveInteger,
    )
    .option("--cache <file>", "answer cache (SQLite), relative to the working directory", DEFAULT_CACHE_PATH)
    .option("--api-key-env <name>", "environment variable holding the API key (default OPENAI_API_KEY)")
    .option("--rpm <n>", "most requests per minute", parsePositiveInteger)
    .option("--tpm <n>", "most tokens per minute", parsePositiveInteger)
    .option("--timeout <seconds>", "per attempt, sending to last byte (default 120)", parseTimeoutSeconds)
    .option("--max-retries <n>", "attempts after the first (default 5)", parseWholeNumber)
    .option(
      "--max-retry-wait <seconds>",
      "longest Retry-After honoured; longer waits are cut to it (default 60)",
      parseNonNegativeNumber,
    )
    .option(
      "--max-failures <n>",
      "stop the run once more requests than this have failed (default: record them and go on)",
      parseWholeNumber,
    )
    .option("--price-in <usd>", "price per 1M prompt tokens, for the cost line", parseNonNegativeNumber)
    .option("--price-out <usd>", "price per 1M completion tokens, for the cost line", parseNonNegativeNumber)
    .option("--offline", "answer only from the cache; anything missing fails as not_cached");
}

/**
 * The client options the flags describe. The failure log goes beside the cache, so a run pointed at
 * another cache keeps its failures apart too. The key itself is read from the environment by the client.
 */
export function llmClientOptions(flags: LlmFlags): LlmClientOptions {
  const options: LlmClientOptions = {
    baseUrl: flags.baseUrl,
    model: flags.model,
    cachePath: flags.cache,
    failureLogPath: failureLogBeside(flags.cache),
    offline: flags.offline ?? false,
  };
  if (flags.apiKeyEnv !== undefined) options.apiKeyEnv = flags.apiKeyEnv;
  if (flags.concurrency !== undefined) options.concurrency = flags.concurrency;
  if (flags.rpm !== undefined || flags.tpm !== undefined)
    options.rateLimits = { requestsPerMinute: flags.rpm, tokensPerMinute: flags.tpm };
  if (flags.timeout !== undefined) options.timeoutMs = flags.timeout * 1000;
  if (flags.maxRetries !== undefined || flags.maxRetryWait !== undefined)
    options.retry = {
      ...(flags.maxRetries !== undefined && { maxRetries: flags.maxRetries }),
      ...(flags.maxRetryWait !== undefined && { maxRetryAfterMs: flags.maxRetryWait * 1000 }),
    };
  if (flags.maxFailures !== undefined) options.maxFailures = flags.maxFailures;
  if (flags.priceIn !== undefined || flags.priceOut !== undefined)
    options.prices = {
      [flags.model]: { inputPerMillion: flags.priceIn ?? 0, outputPerMillion: flags.priceOut ?? 0 },
    };
  return options;
}

export { DEFAULT_CACHE_PATH, type LlmMode, RUN_MODE } from "../llm/index.ts";

/**
 * Answers the requests with a client made from the flags (closed afterwards, which prints the run
 * summary), or in plan mode exports the uncached ones and returns null: the command then stops before
 * writing anything, since it has no answers yet.
 */
export async function answerOrExport<T>(
  flags: LlmFlags,
  mode: LlmMode,
  requests: readonly LlmRequest<T>[],
): Promise<readonly LlmResult<T>[] | null> {
  const client = createLlmClient(clientOptionsFor(flags, mode));
  try {
    return await clientAsk(client, mode, (report) =>
      console.log(
        `planned ${report.planned} requests: ${report.cached} already cached, ${report.written} written to ${report.batchOut}`,
      ),
    )(requests);
  } finally {
    client.close();
  }
}

/** In plan mode the client only reads the cache: no progress line, no empty summary. */
export function clientOptionsFor(flags: LlmFlags, mode: LlmMode): LlmClientOptions {
  const options = llmClientOptions(flags);
  if (mode.mode === "plan") options.statusStream = null;
  return options;
}

/** The files a command will write: its own, or in plan mode the batch file alone. */
export function plannedOutputs(mode: LlmMode, ...outputs: string[]): string[] {
  return mode.mode === "plan" ? [mode.batchOut] : outputs;
}
