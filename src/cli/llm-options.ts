import type { Command } from "commander";
import type { LlmMode } from "../llm/index.ts";
import { DEFAULT_CACHE_PATH } from "./help-facts.ts";
import {
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

/** A live run: requests are answered (llm/index.ts RUN_MODE; plan mode exports them instead). */
export const RUN_MODE: LlmMode = { mode: "run" };

export type { LlmMode };
export { DEFAULT_CACHE_PATH };

/**
 * Adds the shared LLM flags to a command. The base URL is checked by the LLM stage before the action
 * runs (see checkBaseUrlFlag), so defining the flags loads none of it.
 */
export function addLlmOptions(command: Command): Command {
  command.hook("preAction", checkBaseUrlFlag);
  return command
    .option("--base-url <url>", "OpenAI-compatible endpoint up to /v1", DEFAULT_BASE_URL)
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
 * A bad --base-url is reported as commander reports a flag its parser refused: same words, with the
 * command's usage. It runs as the command's preAction hook, once the other flags are parsed.
 */
async function checkBaseUrlFlag(command: Command): Promise<void> {
  const value = command.getOptionValue("baseUrl") as string;
  const { checkBaseUrl } = await import("../llm/index.ts");
  const problem = checkBaseUrl(value);
  if (problem)
    command.error(`error: option '--base-url <url>' argument '${value}' is invalid. ${problem}`, {
      exitCode: 1,
      code: "commander.invalidArgument",
    });
}

/** The files a command will write: its own, or in plan mode the batch file alone. */
export function plannedOutputs(mode: LlmMode, ...outputs: string[]): string[] {
  return mode.mode === "plan" ? [mode.batchOut] : outputs;
}
