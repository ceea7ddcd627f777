// When to try a request again and how long to wait first.
import { createHash } from "node:crypto";

export interface RetryPolicy {
  /** Attempts after the first one. */
  maxRetries: number;
  /** Backoff before retry n is drawn from [0, min(maxDelayMs, baseDelayMs * 2^(n-1))]. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * The longest wait a server's Retry-After is honoured for; a longer one (3600 s) is cut to this and
   * the request is retried under the normal policy, so one header cannot stall a run for an hour.
   */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 60_000,
};

/** 408, 409, 429 and 5xx are transient; any other 4xx would fail the same way again. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * "Full jitter" exponential backoff. The jitter is drawn from a hash of the request key and retry number
 * rather than Math.random, so concurrent requests still spread out while a run stays reproducible.
 */
export function backoffDelayMs(policy: RetryPolicy, retry: number, key: string): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling * jitterFraction(key, retry));
}

/** Wait what the server asked, plus up to 10 % (at most 1 s) so a crowd of clients does not return at once. */
export function retryAfterDelayMs(retryAfterMs: number, retry: number, key: string): number {
  return Math.round(retryAfterMs + Math.min(1000, retryAfterMs * 0.1) * jitterFraction(key, retry));
}

function jitterFraction(key: string, retry: number): number {
  const digest = createHash("sha256").update(`${key}:${retry}`).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000;
}

/**
 * The wait a server asked for, in milliseconds: OpenAI's `retry-after-ms`, or `Retry-After` as seconds
 * or as an HTTP date. Null when absent or unreadable.
 */
export function parseRetryAfter(headers: Headers, now: number): number | null {
  const milliseconds = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers.get("retry-after")?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
