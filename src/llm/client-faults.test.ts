// Each way a server or network can fail, and what the client does about it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { sharedTestBench, userMessage } from "../../test/support/llm-test-bench.ts";
import type { ScriptedReply } from "../../test/support/openai-server.ts";

const bench = sharedTestBench();

/** Answers with `faults` in turn for the first attempts of every request, then normally. */
function failFirst(...faults: ScriptedReply[]) {
  bench().server.setScript((request) => faults[request.repeat]);
}

const Echo = z.object({ echo: z.string() });

for (const [name, fault] of [
  ["500", { status: 500 }],
  ["503", { status: 503 }],
  ["408", { status: 408 }],
  ["409", { status: 409 }],
  ["429 without Retry-After", { status: 429 }],
  ["a dropped connection before the response", { drop: "before-response" }],
  ["a connection dropped mid-body", { drop: "mid-body" }],
  ["a body that is not JSON", { rawBody: '{"choices": [' }],
  ["a completion without choices", { rawBody: '{"error": {"message": "upstream"}}' }],
] as [string, ScriptedReply][]) {
  test(`${name} is retried and then answered`, async () => {
    failFirst(fault, fault);
    const client = bench().client();
    const result = await client.complete({ messages: userMessage(`retry after ${name}`) });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(bench().server.completionRequests().length, 3);
    assert.equal(client.summary().retries, 2);
    assert.equal(client.cache.has(result.key), true);
  });
}

test("a hanging server times out and the request is retried", async () => {
  failFirst({ hang: true });
  const client = bench().client({ timeoutMs: 150 });
  const started = performance.now();
  const result = await client.complete({ messages: userMessage("hang once") });
  assert.equal(result.ok, true);
  assert.ok(performance.now() - started >= 150);
  assert.equal(bench().server.completionRequests().length, 2);
});

test("a server that always hangs ends as a recorded timeout", async () => {
  bench().server.setScript(() => ({ hang: true }));
  const client = bench().client({ timeoutMs: 100, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  const result = await client.complete({ messages: userMessage("always hangs") });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.reason, "timeout");
  assert.equal(!result.ok && result.attempts, 2);
  assert.equal(bench().failures().at(-1)?.reason, "timeout");
});

for (const status of [400, 401, 404, 422]) {
  test(`HTTP ${status} is not retried and is recorded with the server's message`, async () => {
    bench().server.setScript(() => ({ status }));
    const client = bench().client();
    const result = await client.complete({ messages: userMessage(`refused ${status}`) });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, `http_${status}`);
    assert.match(!result.ok ? (result.rawText ?? "") : "", /scripted/);
    assert.equal(bench().server.completionRequests().length, 1);
    const failure = bench().failures().at(-1);
    assert.equal(failure?.reason, `http_${status}`);
    assert.equal(failure?.request.lastUserMessage, `refused ${status}`);
  });
}

test("Retry-After in seconds is waited out before the retry", async () => {
  failFirst({ status: 429, retryAfter: "1" });
  const client = bench().client();
  const result = await client.complete({ messages: userMessage("rate limited") });
  assert.equal(result.ok, true);
  const [refused, retried] = bench().server.completionRequests();
  const waited = retried.receivedAt - refused.receivedAt;
  assert.ok(waited >= 1000, `retried after ${waited.toFixed(0)} ms`);
  // Generous: it only tells a honoured Retry-After from a stall.
  assert.ok(waited < 10_000, `retried after ${waited.toFixed(0)} ms`);
});

test("Retry-After as an HTTP date is waited out too", async () => {
  // HTTP dates have whole seconds: two seconds ahead is at least one full second away.
  const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 2000).toUTCString();
  failFirst({ status: 503, retryAfter: at });
  const client = bench().client();
  const result = await client.complete({ messages: userMessage("date retry") });
  assert.equal(result.ok, true);
  const [, retried] = bench().server.completionRequests();
  // The retry reaches the server no earlier than the date it was told, however late the refusal came.
  const retriedAt = performance.timeOrigin + retried.receivedAt;
  assert.ok(retriedAt >= Date.parse(at) - 5, `retried ${Math.round(Date.parse(at) - retriedAt)} ms early`);
});

test("a Retry-After pauses the other requests in flight as well", async () => {
  bench().server.setScript((request) =>
    request.index === 0 ? { status: 429, retryAfter: "1" } : { latencyMs: request.index < 3 ? 50 : 0 },
  );
  const client = bench().client({ concurrency: 1 });
  const started = performance.now();
  const results = await Promise.all(
    ["a", "b", "c"].map((content) => client.complete({ messages: userMessage(`pause ${content}`) })),
  );
  assert.ok(results.every((result) => result.ok));
  const [, second] = bench().server.completionRequests();
  assert.ok(second.receivedAt - started >= 990, "the next request waited for the pause");
});

test("finish_reason length is retried, then recorded as failed with its text, and never cached", async () => {
  bench().server.setScript(() => ({ text: '{"echo": "cut', finishReason: "length" }));
  const client = bench().client();
  const result = await client.completeStructured({ messages: userMessage("too long"), schema: Echo });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.reason, "length");
  assert.equal(!result.ok && result.rawText, '{"echo": "cut');
  assert.equal(bench().server.completionRequests().length, 4);
  assert.equal(client.cache.has(result.key), false);
  assert.deepEqual(client.summary().failuresByReason, { length: 1 });
});

test("finish_reason length then a full answer succeeds", async () => {
  failFirst({ text: "partial", finishReason: "length" });
  const client = bench().client();
  const result = await client.complete({ messages: userMessage("long once") });
  assert.equal(result.ok && result.value, JSON.stringify({ echo: "long once" }));
});

test("invalid JSON is resampled; still invalid after the retries it is recorded with its raw text", async () => {
  bench().server.setScript(() => ({ text: "I'd rather not answer in JSON." }));
  const client = bench().client();
  const result = await client.completeStructured({
    messages: userMessage("no json"),
    schema: Echo,
    id: "rule/7",
  });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.reason, "invalid_json");
  assert.equal(!result.ok && result.attempts, 4);
  assert.equal(bench().server.completionRequests().length, 4);
  const failure = bench().failures().at(-1);
  assert.equal(failure?.rawText, "I'd rather not answer in JSON.");
  assert.equal(failure?.request.id, "rule/7");
  assert.equal(failure?.request.schemaName, "response");
  assert.equal(client.cache.has(result.key), false);
});

test("a wrong shape is resampled and a later valid sample is kept", async () => {
  failFirst({ text: '{"echo": 5}' }, { text: "```json\n{not json at all\n```" });
  const client = bench().client();
  const result = await client.completeStructured({ messages: userMessage("shape"), schema: Echo });
  assert.deepEqual(result.ok && result.value, { echo: "shape" });
  assert.equal(bench().server.completionRequests().length, 3);
});

test("malformed but repairable structured answers need no retry", async () => {
  const answers = [
    '{"echo": "x",}',
    'Here is the JSON:\n{"echo": "x"}',
    '```json\n{"echo": "x"}\n```',
    '{"echo": "x"',
  ];
  const client = bench().client();
  for (const [index, text] of answers.entries()) {
    bench().server.setScript(() => ({ text }));
    const result = await client.completeStructured({
      messages: userMessage(`repair ${index}`),
      schema: Echo,
    });
    assert.deepEqual(result.ok && result.value, { echo: "x" }, text);
  }
  assert.equal(bench().server.completionRequests().length, answers.length);
});

test("the API key goes in the Authorization header from the configured variable, and nowhere else", async () => {
  bench().server.setScript(() => ({ status: 400 }));
  const secret = "sk-test-secret-value";
  const client = bench().client({ apiKeyEnv: "HUM_TEST_KEY", environment: { HUM_TEST_KEY: secret } });
  await client.complete({ messages: userMessage("key") });
  assert.equal(bench().server.requests[0].headers.authorization, `Bearer ${secret}`);
  const { readFileSync } = await import("node:fs");
  assert.doesNotMatch(readFileSync(bench().failureLogPath, "utf8"), new RegExp(secret));
  const keyless = bench().client({ environment: {} });
  await keyless.complete({ messages: userMessage("no key") });
  assert.equal(bench().server.requests[1].headers.authorization, undefined);
});
