// What keeps a run trustworthy when the server cannot answer: every failed request has its record,
// hopeless runs stop, waits are capped, the key is redacted, progress is visible in a log file.
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { test } from "node:test";
import { sharedTestBench, userMessage } from "../../test/support/llm-test-bench.ts";
import { LlmRunError } from "./client.ts";
import { describeProgress, ProgressLine } from "./progress-line.ts";
import { defaultRetryPolicy } from "./retry-policy.ts";
import { checkedApiKey, redactSecrets, registerSecret } from "./secret-redaction.ts";

const bench = sharedTestBench();

test("identical requests in flight together share one failed call, and each gets its failure record", async () => {
  bench().server.setScript(() => ({ status: 400, latencyMs: 50 }));
  const client = bench().client();
  const same = { messages: userMessage("the same question") };
  const results = await Promise.all([
    client.complete({ ...same, id: "first" }),
    client.complete({ ...same, id: "second" }),
    client.complete({ ...same, id: "third" }),
  ]);
  assert.ok(results.every((result) => !result.ok && result.reason === "http_400"));
  assert.equal(bench().server.completionRequests().length, 1, "one call for the three");
  assert.deepEqual(
    bench()
      .failures()
      .map((failure) => [failure.request.id, failure.attempts]),
    [
      ["first", 1],
      ["second", 0],
      ["third", 0],
    ],
  );
});

test("a run that stops on systematic 401s sends nothing more and throws with the advice", async () => {
  bench().server.setScript(() => ({ status: 401 }));
  const client = bench().client({ concurrency: 2 });
  const requests = Array.from({ length: 30 }, (_, index) => ({ messages: userMessage(`refused ${index}`) }));
  await assert.rejects(
    client.run(client.plan(requests)),
    (error: Error) =>
      error instanceof LlmRunError &&
      /stopped after the first 5 attempts all failed: the server refused the API key \(HTTP 401\)/.test(
        error.message,
      ),
  );
  assert.ok(bench().server.completionRequests().length <= 5 + 2);
  const summary = client.summary();
  assert.equal(summary.requests, 30, "every request ends, the unsent ones as stopped");
  assert.equal(summary.failed, 30);
  assert.ok((summary.failuresByReason.stopped ?? 0) >= 30 - 7);
  assert.equal(
    bench().failures().length,
    30 - (summary.failuresByReason.stopped ?? 0),
    "sent ones are recorded",
  );
});

test("a failure after a first answer is not systematic: the run goes on", async () => {
  bench().server.setScript((request) => (request.index === 0 ? undefined : { status: 404 }));
  const client = bench().client({ concurrency: 1 });
  const requests = Array.from({ length: 12 }, (_, index) => ({ messages: userMessage(`partly ${index}`) }));
  const results = await client.run(client.plan(requests));
  assert.equal(results.filter((result) => result.ok).length, 1);
  assert.equal(bench().server.completionRequests().length, 12);
});

test("Retry-After is honoured up to the cap, then the request is retried", async () => {
  assert.equal(defaultRetryPolicy.maxRetryAfterMs, 60_000, "the documented maximum");
  bench().server.setScript((request) =>
    request.repeat === 0 ? { status: 429, retryAfter: "3600" } : undefined,
  );
  const client = bench().client({
    retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 200 },
  });
  const result = await client.complete({ messages: userMessage("capped wait") });
  assert.equal(result.ok, true);
  const [first, second] = bench().server.completionRequests();
  // Capped at 0.2 s (+10 % jitter), not an hour; the bound is loose enough for a loaded machine.
  assert.ok(second!.receivedAt - first!.receivedAt < 30_000);
});

test("the key is redacted from error text, whole and in the parts a line break would split it into", () => {
  registerSecret("sk-part-one-111\npart-two-222");
  assert.equal(
    redactSecrets('header "Bearer sk-part-one-111\npart-two-222" is invalid; saw part-two-222'),
    'header "Bearer [redacted]" is invalid; saw [redacted]',
  );
  assert.throws(
    () => checkedApiKey("sk-abc\ndef", "MY_KEY"),
    (error: Error) => {
      assert.match(error.message, /\$MY_KEY holds a line break/);
      assert.doesNotMatch(error.message, /sk-abc|def/);
      return true;
    },
  );
  assert.equal(checkedApiKey("  sk-trailing-newline\n", "K"), "sk-trailing-newline");
  assert.equal(checkedApiKey("", "K"), undefined);
});

test("without a terminal, progress is a plain line every interval with rate, failures, tokens and ETA", () => {
  const stream = new PassThrough();
  let written = "";
  stream.on("data", (chunk: Buffer) => {
    written += chunk;
  });
  let now = 0;
  const progress = new ProgressLine(stream, { logIntervalMs: 10_000, now: () => now });
  const counts = (done: number) => ({ done, total: 100, failed: 2, tokens: 1234 });
  now = 5_000;
  progress.update(() => counts(10));
  assert.equal(written, "", "nothing before the first interval");
  now = 10_000;
  progress.update(() => counts(20));
  now = 15_000;
  progress.update(() => counts(30));
  now = 20_000;
  progress.update(() => counts(40));
  assert.equal(
    written,
    "llm: 20/100 · 2.0 req/s · 2 failed · 1234 tokens · ETA 40s\nllm: 40/100 · 2.0 req/s · 2 failed · 1234 tokens · ETA 30s\n",
  );
  assert.equal(
    describeProgress(counts(50), 25_000),
    "llm: 50/100 · 2.0 req/s · 2 failed · 1234 tokens · ETA 25s",
  );
});

test("a client run prints progress lines to a log stream", async () => {
  bench().server.setScript(() => ({ latencyMs: 5 }));
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  let written = "";
  (stream as unknown as PassThrough).on("data", (chunk: Buffer) => {
    written += chunk;
  });
  const client = bench().client({ statusStream: stream, concurrency: 1, progressIntervalMs: 0 });
  await client.run(
    client.plan(Array.from({ length: 3 }, (_, index) => ({ messages: userMessage(`log ${index}`) }))),
  );
  client.close();
  assert.match(written, /^llm: 1\/3 · [\d.]+ req\/s · \d+ tokens · ETA \d+s\n/m);
  assert.match(written, /^llm: 3\/3 · /m);
  assert.doesNotMatch(written, /\x1b/, "no terminal codes in a log");
});
