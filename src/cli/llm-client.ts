// The LLM client the shared flags describe, for the commands' actions (loaded when they run).
import {
  clientAsk,
  createLlmClient,
  failureLogBeside,
  type LlmClientOptions,
  type LlmMode,
  type LlmRequest,
  type LlmResult,
} from "../llm/index.ts";
import type { LlmFlags } from "./llm-options.ts";

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
