// Everything a command can configure about the LLM client, and the defaults it gets otherwise.
import { defaultFailureLogPath } from "./failure-log.ts";
import type { RateLimits } from "./rate-limiter.ts";
import { defaultCachePath } from "./request-cache.ts";
import { defaultRetryPolicy, type RetryPolicy } from "./retry-policy.ts";
import type { ModelPrice } from "./run-summary.ts";
import { checkedApiKey } from "./secret-redaction.ts";

export interface LlmClientOptions {
  /** Up to and including `/v1`: `https://api.openai.com/v1`, `http://localhost:11434/v1`, … */
  baseUrl: string;
  model: string;
  /** Name of the environment variable holding the API key (default `OPENAI_API_KEY`); unset means no key. */
  apiKeyEnv?: string;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  rateLimits?: RateLimits;
  retry?: Partial<RetryPolicy>;
  /** Per attempt, from sending to the last byte of the answer (default 120 s). */
  timeoutMs?: number;
  /** SQLite file (default `.hum/cache.sqlite` under the working directory); `:memory:` for none kept. */
  cachePath?: string;
  /** JSONL of requests that failed after their retries (default `.hum/failed-requests.jsonl`). */
  failureLogPath?: string;
  /** Price per model, for the cost line of the summary. */
  prices?: Record<string, ModelPrice>;
  /** Answer only from the cache; anything missing fails as `not_cached` (e.g. after a batch import). */
  offline?: boolean;
  /** Stop the run once more requests than this have failed (default: never; failures are recorded). */
  maxFailures?: number;
  /** Milliseconds between progress lines when the status stream is not a terminal (default 10 s). */
  progressIntervalMs?: number;
  /**
   * Where progress (a redrawn line on a terminal, a line every `progressIntervalMs` otherwise), the
   * Ctrl-C line and the final summary go: stderr by default, null for silence.
   */
  statusStream?: NodeJS.WriteStream | null;
  /** Environment to read the key from; the process environment by default. */
  environment?: Record<string, string | undefined>;
}

export interface ResolvedClientOptions {
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  concurrency: number;
  rateLimits: RateLimits;
  retry: RetryPolicy;
  timeoutMs: number;
  cachePath: string;
  failureLogPath: string;
  price: ModelPrice | null;
  offline: boolean;
  maxFailures: number;
  progressIntervalMs: number;
  statusStream: NodeJS.WriteStream | null;
  apiKeyVariable: string;
}

export function resolveClientOptions(options: LlmClientOptions): ResolvedClientOptions {
  if (!options.baseUrl) throw new Error("LLM client: baseUrl is required");
  const baseUrlProblem = checkBaseUrl(options.baseUrl);
  if (baseUrlProblem)
    throw new Error(`LLM client: base URL ${JSON.stringify(options.baseUrl)} ${baseUrlProblem}`);
  if (!options.model) throw new Error("LLM client: model is required");
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`LLM client: concurrency must be a positive integer, got ${concurrency}`);
  }
  const environment = options.environment ?? process.env;
  const apiKeyVariable = options.apiKeyEnv ?? "OPENAI_API_KEY";
  return {
    baseUrl: options.baseUrl,
    model: options.model,
    apiKey: checkedApiKey(environment[apiKeyVariable], apiKeyVariable),
    apiKeyVariable,
    concurrency,
    rateLimits: options.rateLimits ?? {},
    retry: { ...defaultRetryPolicy, ...options.retry },
    timeoutMs: options.timeoutMs ?? 120_000,
    cachePath: options.cachePath ?? defaultCachePath,
    failureLogPath: options.failureLogPath ?? defaultFailureLogPath,
    price: options.prices?.[options.model] ?? null,
    offline: options.offline ?? false,
    maxFailures: options.maxFailures ?? Number.POSITIVE_INFINITY,
    progressIntervalMs: options.progressIntervalMs ?? 10_000,
    statusStream: options.statusStream === undefined ? process.stderr : options.statusStream,
  };
}

/** Why a base URL cannot be used (null when it can): it must be an absolute http(s) URL. */
export function checkBaseUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a URL (expected e.g. http://localhost:8000/v1)";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must start with http:// or https://";
  if (url.search || url.hash) return "must not have a query or fragment";
  return null;
}
