// Plan → export a Batch request file → (a cluster runs it) → import its results → an offline run.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { z } from "zod";
import { startTestBench, type TestBench, userMessage } from "../../test/support/llm-test-bench.ts";
import { type BatchRequestLine, exportBatchFile, importBatchResults } from "./batch-file.ts";

let bench: TestBench;
before(async () => {
  bench = await startTestBench();
});
after(() => bench.close());

const Description = z.object({ echo: z.string() });

function requests(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    messages: [{ role: "system" as const, content: "Describe labels." }, ...userMessage(`label ${index}`)],
    params: { temperature: 0, max_tokens: 100 },
    schema: Description,
    schemaName: "description",
    promptVersion: "dict/1",
  }));
}

/** What the OpenAI Batch API or vLLM run-batch would do with the file: one result line per request. */
async function runBatchAgainstServer(inputPath: string, outputPath: string): Promise<void> {
  const lines = readFileSync(inputPath, "utf8").trim().split("\n");
  const results: string[] = [];
  for (const line of lines) {
    const request = JSON.parse(line) as BatchRequestLine;
    const response = await fetch(`${bench.server.baseUrl.replace(/\/v1$/, "")}${request.url}`, {
      method: request.method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request.body),
    });
    const body = await response.json();
    results.push(
      JSON.stringify({
        id: "batch_req",
        custom_id: request.custom_id,
        response: { status_code: 200, body },
        error: null,
      }),
    );
  }
  writeFileSync(outputPath, `${results.join("\n")}\n`);
}

test("export writes the pending requests as Batch lines; import fills the cache; the next run makes no call", async () => {
  const warm = bench.client();
  await warm.completeStructured(requests(5)[0]);
  const client = bench.client();
  const plan = client.plan([...requests(5), requests(5)[1]]);
  assert.equal(plan.pendingCount, 4);

  const batchPath = join(bench.directory, "batch", "requests.jsonl");
  assert.equal(exportBatchFile(plan, batchPath), 4);
  const lines = readFileSync(batchPath, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as BatchRequestLine);
  assert.deepEqual(
    lines.map((line) => line.custom_id),
    plan.items.slice(1, 5).map((item) => item.key),
  );
  assert.deepEqual(lines[0], {
    custom_id: plan.items[1].key,
    method: "POST",
    url: "/v1/chat/completions",
    body: plan.items[1].body,
  });
  assert.equal(lines[0].body.response_format?.json_schema.name, "description");

  const resultsPath = join(bench.directory, "batch", "results.jsonl");
  await runBatchAgainstServer(batchPath, resultsPath);
  const callsBefore = bench.server.completionRequests().length;
  const report = await importBatchResults(client.cache, resultsPath, plan);
  assert.deepEqual(report, { imported: 4, rejected: [] });

  const offline = bench.client({ offline: true });
  const results = await offline.run(offline.plan([...requests(5), requests(5)[1]]));
  assert.deepEqual(
    results.map((result) => result.ok && result.value),
    [0, 1, 2, 3, 4, 1].map((index) => ({ echo: `label ${index}` })),
  );
  assert.equal(bench.server.completionRequests().length, callsBefore, "no live call after the import");
});

test("import rejects failed, cut-off, invalid and unknown results and caches none of them", async () => {
  const client = bench.client();
  const plan = client.plan(requests(12).slice(6));
  const [ok, failed, cut, invalid, httpError, unparseable] = plan.items;
  const completion = (content: string, finishReason = "stop") => ({
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finishReason }],
    usage: { prompt_tokens: 10, completion_tokens: 5 },
  });
  const lines = [
    { custom_id: ok.key, response: { status_code: 200, body: completion('{"echo": "fine",}') }, error: null },
    { custom_id: failed.key, response: null, error: { code: "batch_expired", message: "expired" } },
    {
      custom_id: cut.key,
      response: { status_code: 200, body: completion('{"echo": "cu', "length") },
      error: null,
    },
    { custom_id: invalid.key, response: { status_code: 200, body: completion("no JSON here") }, error: null },
    {
      custom_id: httpError.key,
      response: { status_code: 500, body: { error: { message: "boom" } } },
      error: null,
    },
    { custom_id: "not-in-plan", response: { status_code: 200, body: completion("{}") }, error: null },
  ];
  const resultsPath = join(bench.directory, "rejections.jsonl");
  writeFileSync(resultsPath, `${lines.map((line) => JSON.stringify(line)).join("\n")}\nnot json\n`);
  const report = await importBatchResults(client.cache, resultsPath, plan);
  assert.equal(report.imported, 1);
  assert.deepEqual(
    report.rejected.map((rejection) => [rejection.line, rejection.reason]),
    [
      [2, "batch_expired"],
      [3, "length"],
      [4, "invalid_json"],
      [5, "http_500"],
      [6, "unknown_request"],
      [7, "bad_line"],
    ],
  );
  assert.equal(client.cache.get(ok.key)?.rawText, '{"echo": "fine",}');
  for (const item of [failed, cut, invalid, httpError, unparseable])
    assert.equal(client.cache.has(item.key), false);
  assert.equal(client.plan(requests(12).slice(6)).pendingCount, 5);
});
