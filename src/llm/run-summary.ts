// What a run did and cost. Tokens count every answer the server sent during this run (including answers
// that were then rejected, which were paid for too); answers replayed from the cache cost nothing.
import type { FailureReason, TokenUsage } from "./chat-request.ts";

/** US dollars per million tokens. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

export interface RunSummary {
  /** Requests that reached an end: answered live, answered from the cache, or failed. */
  requests: number;
  answeredLive: number;
  cacheHits: number;
  failed: number;
  failuresByReason: Partial<Record<FailureReason, number>>;
  /** HTTP calls made, retries included. */
  calls: number;
  retries: number;
  promptTokens: number;
  completionTokens: number;
  /** Null when no price is configured for the model. */
  costUsd: number | null;
  elapsedMs: number;
}

export class RunStatistics {
  readonly #startedAt = performance.now();
  readonly #price: ModelPrice | null;
  #answeredLive = 0;
  #cacheHits = 0;
  #failuresByReason: Partial<Record<FailureReason, number>> = {};
  #calls = 0;
  #retries = 0;
  #promptTokens = 0;
  #completionTokens = 0;

  constructor(price: ModelPrice | null) {
    this.#price = price;
  }

  call(isRetry: boolean): void {
    this.#calls++;
    if (isRetry) this.#retries++;
  }

  paid(usage: TokenUsage): void {
    this.#promptTokens += usage.promptTokens;
    this.#completionTokens += usage.completionTokens;
  }

  answeredLive(): void {
    this.#answeredLive++;
  }

  cacheHit(): void {
    this.#cacheHits++;
  }

  failed(reason: FailureReason): void {
    this.#failuresByReason[reason] = (this.#failuresByReason[reason] ?? 0) + 1;
  }

  finished(): number {
    return this.#answeredLive + this.#cacheHits + this.failedCount();
  }

  summary(): RunSummary {
    const price = this.#price;
    return {
      requests: this.finished(),
      answeredLive: this.#answeredLive,
      cacheHits: this.#cacheHits,
      failed: this.failedCount(),
      failuresByReason: { ...this.#failuresByReason },
      calls: this.#calls,
      retries: this.#retries,
      promptTokens: this.#promptTokens,
      completionTokens: this.#completionTokens,
      costUsd: price
        ? (this.#promptTokens * price.inputPerMillion + this.#completionTokens * price.outputPerMillion) / 1e6
        : null,
      elapsedMs: performance.now() - this.#startedAt,
    };
  }

  tokens(): number {
    return this.#promptTokens + this.#completionTokens;
  }

  failedCount(): number {
    let count = 0;
    for (const value of Object.values(this.#failuresByReason)) count += value ?? 0;
    return count;
  }
}

export function formatRunSummary(summary: RunSummary): string {
  const failures = Object.entries(summary.failuresByReason)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(", ");
  const parts = [
    `llm: ${summary.requests} requests (${summary.answeredLive} live, ${summary.cacheHits} cached, ` +
      `${summary.failed} failed${failures ? `: ${failures}` : ""})`,
    `${summary.calls} calls, ${summary.retries} retries`,
    `${summary.promptTokens} prompt + ${summary.completionTokens} completion tokens`,
  ];
  if (summary.costUsd !== null) parts.push(`$${summary.costUsd.toFixed(4)}`);
  parts.push(`${(summary.elapsedMs / 1000).toFixed(1)} s`);
  return parts.join(" · ");
}
