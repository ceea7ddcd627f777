// The request cache seen through the client: what is replayed, what is re-asked, what is never kept.
import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { sharedTestBench, userMessage } from "../../test/support/llm-test-bench.ts";

const bench = sharedTestBench();

const Echo = z.object({ echo: z.string() });

function requests(prefix: string, count: number) {
  return Array.from({ length: count }, (_, index) => ({
    messages: userMessage(`${prefix} ${index}`),
    schema: Echo,
    promptVersion: "test/1",
  }));
}

test("a second run is answered entirely from the cache: zero server requests", async () => {
  const first = bench().client();
  const firstResults = await first.run(first.plan(requests("second run", 20)));
  first.close();
  assert.equal(bench().server.completionRequests().length, 20);

  const second = bench().client();
  const plan = second.plan(requests("second run", 20));
  assert.equal(plan.pendingCount, 0);
  const secondResults = await second.run(plan);
  assert.equal(bench().server.completionRequests().length, 20, "no new request reached the server");
  assert.deepEqual(
    secondResults.map((result) => result.ok && result.value),
    firstResults.map((result) => result.ok && result.value),
  );
  assert.ok(secondResults.every((result) => result.ok && result.fromCache));
  assert.equal(second.summary().cacheHits, 20);
  assert.equal(second.summary().calls, 0);
});

test("errors are not cached: the next run asks again", async () => {
  bench().server.setScript(() => ({ status: 500 }));
  const first = bench().client({ retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  const failed = await first.completeStructured(requests("error", 1)[0]);
  assert.equal(failed.ok, false);
  assert.equal(first.cache.has(failed.key), false);
  bench().server.setScript(undefined);
  const second = bench().client();
  const answered = await second.completeStructured(requests("error", 1)[0]);
  assert.equal(answered.ok, true);
  assert.equal(bench().server.completionRequests().length, 3);
});

test("a changed parser re-reads cached text without a call, and asks again only when it now rejects it", async () => {
  const client = bench().client();
  const request = { messages: userMessage("reparse"), schema: Echo };
  await client.completeStructured(request);
  assert.equal(bench().server.completionRequests().length, 1);

  const Lowercase = z.object({ echo: z.string().refine((text) => text === text.toLowerCase()) });
  const accepted = await client.completeStructured({ ...request, schema: Lowercase });
  assert.equal(accepted.ok && accepted.fromCache, true);
  assert.equal(bench().server.completionRequests().length, 1, "re-parsed from the cache");

  const Longer = z.object({ echo: z.string().refine((text) => text.length > 20) });
  bench().server.setScript(() => ({ text: '{"echo": "a much longer answer than before"}' }));
  const resampled = await client.completeStructured({ ...request, schema: Longer });
  assert.deepEqual(resampled.ok && resampled.value, { echo: "a much longer answer than before" });
  assert.equal(bench().server.completionRequests().length, 2, "one new sample");
  assert.equal(client.cache.get(resampled.key)?.rawText, '{"echo": "a much longer answer than before"}');
});

test("offline, cached requests are answered and missing ones fail as not_cached without any call", async () => {
  const online = bench().client();
  await online.run(online.plan(requests("offline", 2)));
  bench().server.requests.length = 0;
  const offline = bench().client({ offline: true });
  const results = await offline.run(offline.plan(requests("offline", 3)));
  assert.deepEqual(
    results.map((result) => (result.ok ? "ok" : result.reason)),
    ["ok", "ok", "not_cached"],
  );
  assert.equal(bench().server.requests.length, 0);
  assert.equal(bench().failures()[0].reason, "not_cached");
});

test("every request of a mixed run ends answered or recorded as failed", async () => {
  bench().server.setScript((request) => {
    const index = Number(request.body?.messages[0].content.split(" ").at(-1));
    if (index % 5 === 0) return { status: 400 };
    if (index % 5 === 1) return { text: "not json" };
    if (index % 5 === 2 && request.repeat === 0) return { drop: "before-response" };
    return undefined;
  });
  const client = bench().client();
  const results = await client.run(client.plan(requests("mixed", 25)));
  const answered = results.filter((result) => result.ok);
  const failed = results.filter((result) => !result.ok);
  assert.equal(answered.length + failed.length, 25);
  assert.equal(answered.length, 15);
  assert.ok(answered.every((result) => client.cache.has(result.key)));
  assert.deepEqual(
    bench()
      .failures()
      .map((failure) => failure.key)
      .sort(),
    failed.map((result) => result.key).sort(),
  );
  assert.deepEqual(client.summary().failuresByReason, { http_400: 5, invalid_json: 5 });
});
