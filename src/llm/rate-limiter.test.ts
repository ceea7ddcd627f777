// The limiter's logic on a virtual clock: time moves only when the limiter sleeps, so every bound below is
// exact and no assertion depends on how busy the machine is.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type Clock, RateLimiter } from "./rate-limiter.ts";

class VirtualClock implements Clock {
  time = 1_000_000;
  sleeps: number[] = [];

  now(): number {
    return this.time;
  }

  async sleep(milliseconds: number): Promise<void> {
    this.sleeps.push(milliseconds);
    this.time += milliseconds;
  }
}

interface Grant {
  at: number;
  amount: number;
}

/** The most that was granted within any window of `windowMs`. */
function busiestWindow(grants: Grant[], windowMs: number): number {
  let busiest = 0;
  for (const start of grants) {
    let total = 0;
    for (const grant of grants)
      if (grant.at >= start.at && grant.at < start.at + windowMs) total += grant.amount;
    busiest = Math.max(busiest, total);
  }
  return busiest;
}

test("requests per window never exceed the limit, and each waits only as long as it must", async () => {
  const clock = new VirtualClock();
  const started = clock.now();
  const limiter = new RateLimiter({ requestsPerMinute: 5, windowMs: 300 }, clock);
  const grants: Grant[] = [];
  await Promise.all(
    Array.from({ length: 12 }, async () => {
      await limiter.acquire(0);
      grants.push({ at: clock.now(), amount: 1 });
    }),
  );
  assert.equal(busiestWindow(grants, 300), 5);
  // 5 at once, 5 one window later, the last 2 two windows later.
  assert.deepEqual(
    grants.map((grant) => grant.at - started),
    [0, 0, 0, 0, 0, 300, 300, 300, 300, 300, 600, 600],
  );
});

test("tokens per window never exceed the limit, and settling real usage frees what was over-estimated", async () => {
  const clock = new VirtualClock();
  const started = clock.now();
  const limiter = new RateLimiter({ tokensPerMinute: 100, windowMs: 300 }, clock);
  const grants: Grant[] = [];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      // Estimated with max_tokens (50); the server then reports 20.
      const grant = await limiter.acquire(50);
      grant.settle(20);
      grants.push({ at: clock.now(), amount: 20 });
    }),
  );
  assert.ok(busiestWindow(grants, 300) <= 100, `busiest window ${busiestWindow(grants, 300)}`);
  // Settled at 20, each window takes the estimate of 50 until 100 are counted: 20 + 20 + 50 would be 90,
  // so three fit in the first window where unsettled estimates would let only two.
  const first = grants.filter((grant) => grant.at === started).length;
  assert.equal(first, 2 + 1);
  assert.ok(grants.at(-1)!.at - started < 4 * 300, "settled usage needs fewer than four windows");
});

test("a request larger than the whole limit still goes through, alone", async () => {
  const clock = new VirtualClock();
  const started = clock.now();
  const limiter = new RateLimiter({ tokensPerMinute: 50, windowMs: 200 }, clock);
  await limiter.acquire(500);
  assert.equal(clock.now(), started);
  await limiter.acquire(500);
  assert.equal(clock.now() - started, 200);
});

test("a pause holds every caller back until it ends, and no longer", async () => {
  const clock = new VirtualClock();
  const limiter = new RateLimiter({}, clock);
  const until = clock.now() + 200;
  limiter.pauseUntil(until);
  const granted: number[] = [];
  await Promise.all(
    [limiter.acquire(1), limiter.acquire(1)].map((grant) => grant.then(() => granted.push(clock.now()))),
  );
  assert.deepEqual(granted, [until, until]);
});

test("without limits nothing waits", async () => {
  const clock = new VirtualClock();
  const limiter = new RateLimiter({}, clock);
  for (let index = 0; index < 1000; index++) await limiter.acquire(100);
  assert.deepEqual(clock.sleeps, []);
});

test("the system clock is the default and really sleeps", async () => {
  const limiter = new RateLimiter({ requestsPerMinute: 1, windowMs: 50 });
  const started = Date.now();
  await limiter.acquire(0);
  await limiter.acquire(0);
  // A lower bound only: a loaded machine makes this slower, never faster.
  assert.ok(Date.now() - started >= 45, `took ${Date.now() - started} ms`);
});
