// The LLM client: cache first, then live calls through the concurrency pool and rate limiter, retried
// until an answer parses or the retry limit is reached. Every request ends either cached (answered) or
// recorded in the failure log (failed); none is dropped and none completed is paid for twice.

import { resolve } from "node:path";
import pLimit, { type LimitFunction } from "p-limit";
import { interpretAnswer } from "./answer-interpretation.ts";
import type { LlmFailure, LlmRequest, LlmResult, LlmSuccess } from "./chat-request.ts";
import {
  type AttemptFailure,
  type AttemptOutcome,
  type Endpoint,
  postChatCompletion,
} from "./chat-transport.ts";
import { type LlmClientOptions, type ResolvedClientOptions, resolveClientOptions } from "./client-options.ts";
import { FailureLog, summarizeRequest } from "./failure-log.ts";
import { ProgressLine } from "./progress-line.ts";
import { RateLimiter, sleep } from "./rate-limiter.ts";
import { type ChatCompletionBody, estimatePromptTokens } from "./request-body.ts";
import { RequestCache } from "./request-cache.ts";
import { type PlannedRequest, planRequest, planRequests, type RequestPlan } from "./request-plan.ts";
import { backoffDelayMs, retryAfterDelayMs } from "./retry-policy.ts";
import { formatRunSummary, RunStatistics, type RunSummary } from "./run-summary.ts";
import { redactSecrets } from "./secret-redaction.ts";
import { SystematicFailureGuard } from "./systematic-failure.ts";

/** Thrown by `run` when the run was stopped (systematic failures, --max-failures) or nothing succeeded. */
export class LlmRunError extends Error {
  override name = "LlmRunError";
}

export type TextRequest = Omit<LlmRequest<string>, "schema" | "schemaName">;
export type StructuredRequest<T> = LlmRequest<T> & { schema: NonNullable<LlmRequest<T>["schema"]> };

export interface LlmClient {
  readonly model: string;
  readonly cache: RequestCache;
  /** Plain text answer (evaluation prompts). */
  complete(request: TextRequest): Promise<LlmResult<string>>;
  /** Answer parsed and validated against `request.schema`. */
  completeStructured<T>(request: StructuredRequest<T>): Promise<LlmResult<T>>;
  /** Keys, bodies and cache state for a batch of requests, without calling anything. */
  plan<T>(requests: readonly LlmRequest<T>[]): RequestPlan<T>;
  /** Runs a plan live (cached answers are replayed); results in plan order. */
  run<T>(plan: RequestPlan<T>): Promise<LlmResult<T>[]>;
  summary(): RunSummary;
  /** Clears the progress line, prints the one-line summary, closes the cache. */
  close(): RunSummary;
}

export function createLlmClient(options: LlmClientOptions): LlmClient {
  return new OpenAiCompatibleClient(resolveClientOptions(options));
}

type RetryableFailure = Pick<AttemptFailure, "reason" | "message" | "rawText" | "retryAfterMs">;

class OpenAiCompatibleClient implements LlmClient {
  readonly model: string;
  readonly cache: RequestCache;
  readonly #options: ResolvedClientOptions;
  readonly #endpoint: Endpoint;
  readonly #slots: LimitFunction;
  readonly #limiter: RateLimiter;
  readonly #statistics: RunStatistics;
  readonly #failureLog: FailureLog;
  readonly #progress: ProgressLine;
  readonly #inFlight = new Map<string, Promise<LlmResult<unknown>>>();
  readonly #guard = new SystematicFailureGuard();
  #total = 0;
  #closed = false;
  /** Why the run was stopped; requests not yet sent then fail as `stopped` without a call. */
  #stopped: string | null = null;

  constructor(options: ResolvedClientOptions) {
    this.#options = options;
    this.model = options.model;
    this.#endpoint = { baseUrl: options.baseUrl, apiKey: options.apiKey, timeoutMs: options.timeoutMs };
    this.cache = new RequestCache(options.cachePath);
    this.#slots = pLimit(options.concurrency);
    this.#limiter = new RateLimiter(options.rateLimits);
    this.#statistics = new RunStatistics(options.price);
    const started = new Date().toISOString();
    this.#failureLog = new FailureLog(resolve(options.failureLogPath), () => ({
      run: {
        started,
        pid: process.pid,
        model: options.model,
        baseUrl: options.baseUrl,
        command: redactSecrets(process.argv.slice(2).join(" ")),
      },
    }));
    this.#progress = new ProgressLine(options.statusStream, { logIntervalMs: options.progressIntervalMs });
  }

  complete(request: TextRequest): Promise<LlmResult<string>> {
    this.#total++;
    return this.#settle(planRequest<string>(this.model, request, this.cache));
  }

  completeStructured<T>(request: StructuredRequest<T>): Promise<LlmResult<T>> {
    this.#total++;
    return this.#settle(planRequest(this.model, request, this.cache));
  }

  plan<T>(requests: readonly LlmRequest<T>[]): RequestPlan<T> {
    return planRequests(this.model, requests, this.cache);
  }

  /**
   * Runs a plan; results in plan order. Throws LlmRunError when the run was stopped early or when not a
   * single request succeeded (the failures are in the failure log either way).
   */
  async run<T>(plan: RequestPlan<T>): Promise<LlmResult<T>[]> {
    if (plan.model !== this.model)
      throw new Error(`plan is for model ${plan.model}, client is ${this.model}`);
    this.#total += plan.items.length;
    const stopWatching = this.#watch();
    let results: LlmResult<T>[];
    try {
      results = await Promise.all(plan.items.map((item) => this.#settle(item)));
    } finally {
      stopWatching();
    }
    const where = `failures are recorded in ${this.#failureLog.path}`;
    if (this.#stopped) throw new LlmRunError(`${this.#stopped}; ${where}`);
    if (results.length > 0 && results.every((result) => !result.ok)) {
      const reasons = Object.entries(this.#statistics.summary().failuresByReason)
        .map(([reason, count]) => `${reason} ${count}`)
        .join(", ");
      throw new LlmRunError(`every one of the ${results.length} requests failed (${reasons}); ${where}`);
    }
    return results;
  }

  // While a run is going: progress lines even when nothing finishes, and a where-we-stand line on Ctrl-C.
  #watch(): () => void {
    const ticker = setInterval(() => this.#showProgress(), 1000);
    ticker.unref();
    const interrupted = () => {
      this.#progress.clear();
      this.#options.statusStream?.write(
        `\ninterrupted: ${this.#progress.describe(this.#counts())}. Every answer so far is cached: ` +
          "run the same command again to resume.\n",
      );
      process.exit(130);
    };
    const listening = this.#options.statusStream !== null;
    if (listening) process.once("SIGINT", interrupted);
    return () => {
      clearInterval(ticker);
      if (listening) process.removeListener("SIGINT", interrupted);
    };
  }

  summary(): RunSummary {
    return this.#statistics.summary();
  }

  close(): RunSummary {
    const summary = this.summary();
    if (this.#closed) return summary;
    this.#closed = true;
    this.#progress.clear();
    this.#options.statusStream?.write(`${formatRunSummary(summary)}\n`);
    this.cache.close();
    return summary;
  }

  // Identical requests in flight together share one call: the first pays, the others read its answer.
  async #settle<T>(item: PlannedRequest<T>): Promise<LlmResult<T>> {
    const leader = this.#inFlight.get(item.key);
    let result: LlmResult<T>;
    if (leader) {
      const first = await leader;
      if (first.ok) result = await this.#resolve(item);
      // Each request that shared the failed call gets its own record, with no call of its own.
      else result = first.reason === "stopped" ? this.#notSent(item) : this.#fail(item, first, 0);
    } else {
      const promise = this.#resolve(item);
      this.#inFlight.set(item.key, promise);
      try {
        result = await promise;
      } finally {
        this.#inFlight.delete(item.key);
      }
    }
    this.#showProgress();
    return result;
  }

  async #resolve<T>(item: PlannedRequest<T>): Promise<LlmResult<T>> {
    const cached = this.cache.get(item.key);
    if (cached) {
      const answer = interpretAnswer(item.request, cached.rawText, cached.finishReason);
      if (answer.ok) {
        this.#statistics.cacheHit();
        return success(item.key, answer.value, cached.rawText, cached.finishReason, cached.usage, true);
      }
      // The parser now rejects what it once accepted: fall through to a fresh sample.
      if (this.#options.offline) return this.#fail(item, { ...answer, rawText: cached.rawText }, 0);
    }
    if (this.#options.offline) {
      return this.#fail(
        item,
        { reason: "not_cached", message: "offline and not in the cache", rawText: null },
        0,
      );
    }
    return this.#callLive(item);
  }

  async #callLive<T>(item: PlannedRequest<T>): Promise<LlmResult<T>> {
    const attempts = this.#options.retry.maxRetries + 1;
    let failure: RetryableFailure | null = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (failure) await sleep(this.#delayBeforeRetry(failure, attempt - 1, item.key));
      // Once the run is stopped: a request that was tried keeps its real failure, one never sent says so.
      const outcome = this.#stopped ? null : await this.#attempt(item.body, attempt > 1);
      if (outcome === null) return failure ? this.#fail(item, failure, attempt - 1) : this.#notSent(item);
      if (outcome.kind === "failure") {
        failure = outcome;
        if (!outcome.retryable) return this.#fail(item, failure, attempt);
        continue;
      }
      const answer = interpretAnswer(item.request, outcome.text, outcome.finishReason);
      if (!answer.ok) {
        failure = { ...answer, rawText: outcome.text, retryAfterMs: null };
        continue;
      }
      this.cache.put({
        key: item.key,
        model: this.model,
        rawText: outcome.text,
        finishReason: outcome.finishReason,
        usage: outcome.usage,
        requestJson: JSON.stringify(item.body),
      });
      this.#statistics.answeredLive();
      return success(item.key, answer.value, outcome.text, outcome.finishReason, outcome.usage, false);
    }
    return this.#fail(item, failure!, attempts);
  }

  /** One call, or null when the run was stopped while this request waited for its turn. */
  #attempt(body: ChatCompletionBody, isRetry: boolean): Promise<AttemptOutcome | null> {
    return this.#slots(async () => {
      if (this.#stopped) return null;
      // Providers count max_tokens against the token limit up front; the real usage settles it later.
      const grant = await this.#limiter.acquire(estimatePromptTokens(body) + (body.max_tokens ?? 0));
      if (this.#stopped) return null;
      this.#statistics.call(isRetry);
      const outcome = redacted(await postChatCompletion(this.#endpoint, body));
      if (outcome.kind === "answer") {
        this.#statistics.paid(outcome.usage);
        grant.settle(outcome.usage.promptTokens + outcome.usage.completionTokens);
      } else if (outcome.retryAfterMs !== null) {
        // The server is overloaded for everyone, not just for this request.
        this.#limiter.pauseUntil(
          Date.now() + Math.min(outcome.retryAfterMs, this.#options.retry.maxRetryAfterMs),
        );
      }
      const advice = this.#guard.observe(outcome, {
        baseUrl: this.#options.baseUrl,
        model: this.model,
        apiKeyVariable: this.#options.apiKeyVariable,
      });
      if (advice) this.#stop(advice);
      return outcome;
    });
  }

  #stop(reason: string): void {
    this.#stopped ??= reason;
  }

  #notSent(item: PlannedRequest<unknown>): LlmFailure {
    this.#statistics.failed("stopped");
    return {
      ok: false,
      key: item.key,
      reason: "stopped",
      message: "not sent: the run was stopped",
      rawText: null,
      attempts: 0,
    };
  }

  // A rejected answer needs a new sample, not a pause; transport trouble backs off.
  #delayBeforeRetry(failure: RetryableFailure, retry: number, key: string): number {
    if (
      failure.reason === "length" ||
      failure.reason === "invalid_json" ||
      failure.reason === "schema_mismatch"
    ) {
      return 0;
    }
    if (failure.retryAfterMs !== null)
      return retryAfterDelayMs(
        Math.min(failure.retryAfterMs, this.#options.retry.maxRetryAfterMs),
        retry,
        key,
      );
    return backoffDelayMs(this.#options.retry, retry, key);
  }

  #fail<T>(
    item: PlannedRequest<T>,
    failure: Omit<RetryableFailure, "retryAfterMs">,
    attempts: number,
  ): LlmFailure {
    this.#statistics.failed(failure.reason);
    const record = {
      key: item.key,
      reason: failure.reason,
      message: failure.message,
      rawText: failure.rawText,
    };
    this.#failureLog.write({ ...record, request: summarizeRequest(item.request, this.model), attempts });
    if (this.#statistics.failedCount() > this.#options.maxFailures)
      this.#stop(
        `stopped: more than ${this.#options.maxFailures} requests failed (--max-failures); ` +
          `the last: ${failure.reason}: ${failure.message}`,
      );
    return { ok: false, ...record, attempts };
  }

  #showProgress(): void {
    this.#progress.update(() => this.#counts());
  }

  #counts() {
    const statistics = this.#statistics;
    return {
      done: statistics.finished(),
      total: this.#total,
      failed: statistics.failedCount(),
      tokens: statistics.tokens(),
    };
  }
}

/** The key never leaves through an error: not in a message, not in a server's echoed body. */
function redacted(outcome: AttemptOutcome): AttemptOutcome {
  if (outcome.kind === "answer") return outcome;
  return { ...outcome, message: redactSecrets(outcome.message), rawText: redactSecrets(outcome.rawText) };
}

function success<T>(
  key: string,
  value: T,
  rawText: string,
  finishReason: string,
  usage: LlmSuccess<T>["usage"],
  fromCache: boolean,
): LlmSuccess<T> {
  return { ok: true, key, value, rawText, finishReason, usage, fromCache };
}
