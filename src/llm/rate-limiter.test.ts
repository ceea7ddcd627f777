import assert from "node:assert/strict";
import { test } from "node:test";
import { RateLimiter } from "./rate-limiter.ts";

/** The most that was granted within any window of `windowMs`. */
function busiestWindow(grants: { at: number; amount: number }[], windowMs: number): number {
  let busiest = 0;
  for (const start of grants) {
    let total = 0;
    for (const grant of grants)
      if (grant.at >= start.at && grant.at < start.at + windowMs) total += grant.amount;
    busiest = Math.max(busiest, total);
  }
  return busiest;
}

test("requests per window never exceed the limit", async () => {
  const limiter = new RateLimiter({ requestsPerMinute: 5, windowMs: 300 });
  const grants: { at: number; amount: number }[] = [];
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 12 }, async () => {
      await limiter.acquire(0);
      grants.push({ at: Date.now(), amount: 1 });
    }),
  );
  assert.ok(busiestWindow(grants, 300) <= 5, `busiest window ${busiestWindow(grants, 300)}`);
  // 12 requests at 5 per window need two full windows of waiting.
  assert.ok(Date.now() - started >= 590, `took ${Date.now() - started} ms`);
});

test("tokens per window never exceed the limit, and settling real usage frees what was over-estimated", async () => {
  const limiter = new RateLimiter({ tokensPerMinute: 100, windowMs: 300 });
  const grants: { at: number; amount: number }[] = [];
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      // Estimated with max_tokens (50); the server then reports 20.
      const grant = await limiter.acquire(50);
      grant.settle(20);
      grants.push({ at: Date.now(), amount: 20 });
    }),
  );
  assert.ok(busiestWindow(grants, 300) <= 100, `busiest window ${busiestWindow(grants, 300)}`);
  // Unsettled, two requests fit per window (four windows in all); settled, three do.
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 590 && elapsed < 880, `took ${elapsed} ms`);
});

test("a request larger than the whole limit still goes through, alone", async () => {
  const limiter = new RateLimiter({ tokensPerMinute: 50, windowMs: 200 });
  const started = Date.now();
  await limiter.acquire(500);
  await limiter.acquire(500);
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 190 && elapsed < 1000, `took ${elapsed} ms`);
});

test("a pause holds every caller back", async () => {
  const limiter = new RateLimiter({});
  limiter.pauseUntil(Date.now() + 200);
  const started = Date.now();
  await Promise.all([limiter.acquire(1), limiter.acquire(1)]);
  assert.ok(Date.now() - started >= 190);
});

test("without limits nothing waits", async () => {
  const limiter = new RateLimiter({});
  const started = Date.now();
  for (let index = 0; index < 1000; index++) await limiter.acquire(100);
  assert.ok(Date.now() - started < 100);
});
