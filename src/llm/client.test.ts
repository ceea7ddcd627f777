// What the client sends, how much at once, and what it reports.
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { test } from "node:test";
import { z } from "zod";
import { sharedTestBench, userMessage } from "../../test/support/llm-test-bench.ts";
import type { ReceivedRequest } from "../../test/support/openai-server.ts";

const bench = sharedTestBench();

/** The most requests the server was working on at the same moment. */
function peakConcurrency(requests: ReceivedRequest[]): number {
  const events = requests.flatMap((request) => [
    { at: request.receivedAt, change: 1 },
    { at: request.answered?.at ?? Number.POSITIVE_INFINITY, change: -1 },
  ]);
  events.sort((left, right) => left.at - right.at || left.change - right.change);
  let current = 0;
  let peak = 0;
  for (const event of events) {
    current += event.change;
    peak = Math.max(peak, current);
  }
  return peak;
}

test("a plain text call passes generation parameters through and returns the text", async () => {
  bench().server.setScript(() => ({ text: "B-PER I-PER O" }));
  const client = bench().client();
  const params = { temperature: 0.2, top_p: 0.9, max_tokens: 64, seed: 7 };
  const result = await client.complete({ messages: userMessage("tag this"), params });
  assert.deepEqual(result.ok && result.value, "B-PER I-PER O");
  const { body } = bench().server.requests[0];
  assert.deepEqual(
    { model: body?.model, temperature: body?.temperature, top_p: body?.top_p, max_tokens: body?.max_tokens },
    { model: "mock-model", temperature: 0.2, top_p: 0.9, max_tokens: 64 },
  );
  assert.equal(body?.seed, 7);
  assert.equal(body?.response_format, undefined);
});

test("a structured call sends a strict json_schema response format and returns the typed value", async () => {
  const client = bench().client();
  const Echo = z.object({ echo: z.string() });
  const result = await client.completeStructured({
    messages: userMessage("structured"),
    schema: Echo,
    schemaName: "label description",
  });
  assert.deepEqual(result.ok && result.value, { echo: "structured" });
  assert.deepEqual(bench().server.requests[0].body?.response_format, {
    type: "json_schema",
    json_schema: {
      name: "label_description",
      strict: true,
      schema: {
        type: "object",
        properties: { echo: { type: "string" } },
        required: ["echo"],
        additionalProperties: false,
      },
    },
  });
});

test("no more requests are in flight than the concurrency allows, and a run keeps plan order", async () => {
  bench().server.setScript(() => ({ latencyMs: 200 }));
  const client = bench().client({ concurrency: 3 });
  const plan = client.plan(
    Array.from({ length: 15 }, (_, index) => ({ messages: userMessage(`order ${index}`) })),
  );
  const results = await client.run(plan);
  assert.deepEqual(
    results.map((result) => result.ok && result.value),
    Array.from({ length: 15 }, (_, index) => JSON.stringify({ echo: `order ${index}` })),
  );
  const peak = peakConcurrency(bench().server.completionRequests());
  assert.ok(peak <= 3 && peak >= 2, `peak ${peak}`);
});

/**
 * The limiter's exact logic is tested on a virtual clock (rate-limiter.test.ts); here only a bound that load
 * cannot break: a request reaches the server no earlier than it was granted, so the k-th arrival comes at
 * least floor(k / perWindow) windows after the start, however slow the machine.
 */
function assertArrivalsPaced(arrivals: number[], started: number, perWindow: number, windowMs: number): void {
  const sorted = [...arrivals].sort((left, right) => left - right);
  sorted.forEach((at, index) => {
    const earliest = started + Math.floor(index / perWindow) * windowMs;
    assert.ok(at >= earliest - 5, `request ${index} arrived ${Math.round(earliest - at)} ms too early`);
  });
}

test("the requests-per-minute limit holds at the server", async () => {
  const client = bench().client({ concurrency: 10, rateLimits: { requestsPerMinute: 4, windowMs: 250 } });
  const started = performance.now();
  await client.run(
    client.plan(Array.from({ length: 10 }, (_, index) => ({ messages: userMessage(`rpm ${index}`) }))),
  );
  const arrivals = bench()
    .server.completionRequests()
    .map((request) => request.receivedAt);
  assert.equal(arrivals.length, 10);
  assertArrivalsPaced(arrivals, started, 4, 250);
});

test("the tokens-per-minute limit holds at the server", async () => {
  // Each request is ~26 prompt tokens + max_tokens 25 = ~51 estimated; 120 per window fits two.
  const client = bench().client({ concurrency: 10, rateLimits: { tokensPerMinute: 120, windowMs: 250 } });
  const content = "x".repeat(100);
  const started = performance.now();
  await client.run(
    client.plan(
      Array.from({ length: 6 }, (_, index) => ({
        messages: userMessage(`${content}${index}`),
        params: { max_tokens: 25 },
      })),
    ),
  );
  const arrivals = bench()
    .server.completionRequests()
    .map((request) => request.receivedAt);
  assert.equal(arrivals.length, 6);
  assertArrivalsPaced(arrivals, started, 2, 250);
});

test("identical requests in one run are sent once", async () => {
  const client = bench().client();
  const same = { messages: userMessage("twice") };
  const results = await client.run(client.plan([same, same, same]));
  assert.ok(results.every((result) => result.ok));
  assert.equal(bench().server.completionRequests().length, 1);
  assert.equal(client.plan([same, same]).pendingCount, 0);
});

test("the summary counts calls, retries, tokens, cost and failures by reason", async () => {
  bench().server.setScript((request) => {
    const content = request.body?.messages[0].content;
    if (content === "refused") return { status: 400 };
    if (content === "flaky" && request.repeat === 0) return { status: 500 };
    return { usage: { prompt_tokens: 1000, completion_tokens: 500 } };
  });
  const client = bench().client({ prices: { "mock-model": { inputPerMillion: 2, outputPerMillion: 8 } } });
  await client.run(
    client.plan(["ok", "flaky", "refused"].map((content) => ({ messages: userMessage(content) }))),
  );
  await client.complete({ messages: userMessage("ok") });
  const summary = client.summary();
  assert.deepEqual(
    { ...summary, elapsedMs: 0 },
    {
      requests: 4,
      answeredLive: 2,
      cacheHits: 1,
      failed: 1,
      failuresByReason: { http_400: 1 },
      calls: 4,
      retries: 1,
      promptTokens: 2000,
      completionTokens: 1000,
      costUsd: (2000 * 2 + 1000 * 8) / 1e6,
      elapsedMs: 0,
    },
  );
});

test("without a terminal the status stream gets only the final one-line summary", async () => {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  let written = "";
  (stream as unknown as PassThrough).on("data", (chunk: Buffer) => {
    written += chunk.toString();
  });
  const client = bench().client({ statusStream: stream });
  await client.run(client.plan([{ messages: userMessage("quiet 1") }, { messages: userMessage("quiet 2") }]));
  client.close();
  await new Promise((resolve) => setImmediate(resolve));
  assert.match(written, /^llm: 2 requests \(2 live, 0 cached, 0 failed\) · 2 calls, 0 retries · .* s\n$/);
});

test("on a terminal a progress line with rate and ETA is drawn and cleared", async () => {
  bench().server.setScript(() => ({ latencyMs: 5 }));
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & { isTTY: boolean };
  stream.isTTY = true;
  let written = "";
  (stream as unknown as PassThrough).on("data", (chunk: Buffer) => {
    written += chunk.toString();
  });
  const client = bench().client({ statusStream: stream, concurrency: 1 });
  await client.run(
    client.plan(Array.from({ length: 4 }, (_, index) => ({ messages: userMessage(`tty ${index}`) }))),
  );
  client.close();
  await new Promise((resolve) => setImmediate(resolve));
  assert.match(written, /\r\x1b\[2Kllm: 1\/4 · [\d.]+ req\/s · \d+ tokens · ETA \d+s/);
  assert.match(written, /llm: 4\/4/);
  assert.match(written, /\r\x1b\[2Kllm: 4 requests/);
});

test("invalid options are refused up front", () => {
  assert.throws(() => bench().client({ concurrency: 0 }), /concurrency/);
  assert.throws(() => bench().client({ model: "" }), /model/);
});
