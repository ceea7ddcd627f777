import assert from "node:assert/strict";
import { test } from "node:test";
import { backoffDelayMs, isRetryableStatus, parseRetryAfter, retryAfterDelayMs } from "./retry-policy.ts";

test("Retry-After in seconds, as an HTTP date, and OpenAI's retry-after-ms", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "2" }), now), 2000);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "0.5" }), now), 500);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "Wed, 01 Jan 2025 00:00:03 GMT" }), now), 3000);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" }), now), 0);
  assert.equal(parseRetryAfter(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), now), 250);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "soon" }), now), null);
  assert.equal(parseRetryAfter(new Headers(), now), null);
});

test("only 408, 409, 429 and 5xx are retried", () => {
  for (const status of [408, 409, 429, 500, 502, 503, 504])
    assert.equal(isRetryableStatus(status), true, `${status}`);
  for (const status of [400, 401, 403, 404, 413, 422])
    assert.equal(isRetryableStatus(status), false, `${status}`);
});

test("backoff grows exponentially, stays under its ceiling, and is reproducible", () => {
  const policy = { maxRetries: 10, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60_000 };
  for (let retry = 1; retry <= 10; retry++) {
    const delay = backoffDelayMs(policy, retry, "key");
    assert.ok(delay >= 0 && delay <= Math.min(1000, 100 * 2 ** (retry - 1)), `retry ${retry}: ${delay}`);
    assert.equal(backoffDelayMs(policy, retry, "key"), delay);
  }
  const spread = new Set(Array.from({ length: 20 }, (_, index) => backoffDelayMs(policy, 5, `key-${index}`)));
  assert.ok(spread.size > 10, "different requests draw different jitter");
});

test("a Retry-After wait is never shortened", () => {
  for (let retry = 1; retry < 5; retry++) {
    const delay = retryAfterDelayMs(2000, retry, "key");
    assert.ok(delay >= 2000 && delay <= 2200, `${delay}`);
  }
});
