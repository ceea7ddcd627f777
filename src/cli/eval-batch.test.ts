// End to end: `hum eval build`, `hum eval run` and the batch road (`hum llm export-batch … eval run …`,
// import-batch, an offline run) against the loopback OpenAI-compatible server.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, mock, test } from "node:test";
import { fileURLToPath } from "node:url";
import { humInProcess as hum } from "../../test/support/hum-in-process.ts";
import { type OpenAiServer, startOpenAiServer } from "../../test/support/openai-server.ts";
import { readEvalRecords } from "../eval/eval-record-schema.ts";
import { evalSetFiles } from "../eval/run-eval.ts";

const FIXTURES = fileURLToPath(new URL("../../test/fixtures/eval/", import.meta.url));

let server: OpenAiServer;
let directory: string;
let sets: string;
/** The gold answer of every eval instruction: what the scripted model says. */
const answers = new Map<string, string>();

before(async () => {
  directory = mkdtempSync(join(tmpdir(), "hum-eval-batch-"));
  sets = join(directory, "sets");
  mock.method(console, "log", () => {});
  await hum(
    ...["eval", "build", "--datasets", FIXTURES, "--out", sets],
    ...["--dictionary", join(FIXTURES, "descriptions.yaml")],
  );
  mock.restoreAll();
  for (const file of evalSetFiles(sets))
    for await (const record of readEvalRecords(file))
      answers.set(record.instruction, record.reference_output);
  server = await startOpenAiServer({
    script: (request) => {
      const answer = answers.get(request.body?.messages.at(-1)?.content ?? "");
      return answer === undefined ? { status: 400 } : { text: answer };
    },
  });
});

after(async () => {
  await server?.close();
  rmSync(directory, { recursive: true, force: true });
});

let printed: string[];
beforeEach(() => {
  printed = [];
  mock.method(console, "log", (line: string) => printed.push(line));
});

function llmFlags(cache: string): string[] {
  return ["--base-url", server.baseUrl, "--model", "mock-model", "--cache", cache, "--max-retries", "0"];
}

function path(name: string): string {
  return join(directory, name);
}

function calls(): number {
  return server.completionRequests().length;
}

test("eval run asks every instruction once; a rerun is answered by the cache", async () => {
  const runArgs = ["eval", "run", "--sets", sets, ...llmFlags(path("live.sqlite"))];
  const before = calls();
  await hum(...runArgs, "--out", path("live.jsonl"));
  const predictions = readFileSync(path("live.jsonl"), "utf8").trim().split("\n");
  assert.ok(predictions.length > 0);
  assert.equal(calls() - before, answers.size, "one request per distinct instruction");
  assert.match(printed.at(-1)!, new RegExp(`^${predictions.length} predictions \\(0 failed requests\\)`));
  const first = JSON.parse(predictions[0]) as { output: string; reference_output: string };
  assert.equal(first.output, first.reference_output);

  const sent = server.completionRequests().at(-1)!.body!;
  assert.equal(sent.temperature, 0.2, "eval's own defaults, not the LLM layer's");
  assert.equal(sent.top_p, 0.95);
  assert.equal(sent.max_tokens, 500);

  await hum(...runArgs, "--out", path("live-2.jsonl"));
  assert.equal(calls() - before, answers.size, "the second run makes no request");
  assert.equal(readFileSync(path("live-2.jsonl"), "utf8"), readFileSync(path("live.jsonl"), "utf8"));
});

test("export-batch → results file → import-batch → an offline eval run gives the live predictions without requests", async () => {
  const cache = path("batch.sqlite");
  const runArgs = ["eval", "run", "--sets", sets, ...llmFlags(cache)];
  const before = calls();

  await hum("llm", "export-batch", "--out", path("batch.jsonl"), ...runArgs, "--out", path("planned.jsonl"));
  const lines = readFileSync(path("batch.jsonl"), "utf8").trim().split("\n");
  assert.equal(lines.length, answers.size, "every distinct instruction once");
  const predictions = readFileSync(path("live.jsonl"), "utf8").trim().split("\n").length;
  assert.match(
    printed.at(-1)!,
    new RegExp(`^planned ${predictions} requests: 0 already cached, ${answers.size} written`),
  );
  assert.equal(existsSync(path("planned.jsonl")), false, "plan mode writes no predictions");
  assert.equal(calls(), before, "planning makes no request");

  writeFileSync(path("results.jsonl"), lines.map((line) => `${JSON.stringify(fakeResult(line))}\n`).join(""));
  await hum("llm", "import-batch", "--cache", cache, path("results.jsonl"));
  assert.match(printed.at(-1)!, new RegExp(`^imported ${answers.size} answers`));

  await hum(...runArgs, "--offline", "--out", path("offline.jsonl"));
  assert.equal(calls(), before, "no request reached the server");
  assert.equal(readFileSync(path("offline.jsonl"), "utf8"), readFileSync(path("live.jsonl"), "utf8"));

  // Once answered, nothing is pending: a new export is empty.
  await hum(
    "llm",
    "export-batch",
    "--out",
    path("batch-2.jsonl"),
    ...runArgs,
    "--out",
    path("planned.jsonl"),
  );
  assert.equal(readFileSync(path("batch-2.jsonl"), "utf8"), "");
  assert.match(
    printed.at(-1)!,
    new RegExp(`^planned ${predictions} requests: ${predictions} already cached, 0`),
  );
});

test("export-batch plans only eval run, not the other eval commands", async () => {
  const stderr = mock.method(process.stderr, "write", () => true);
  try {
    await hum("llm", "export-batch", "--out", path("never.jsonl"), "eval", "reference", "--sets", sets);
  } finally {
    stderr.mock.restore();
  }
  assert.equal(process.exitCode, 1, "an unknown command to plan");
  process.exitCode = undefined;
  assert.equal(existsSync(path("never.jsonl")), false);
});

/** What the Batch API or vLLM run-batch writes for one request line, answered by the script. */
function fakeResult(line: string) {
  const request = JSON.parse(line) as { custom_id: string; body: { messages: { content: string }[] } };
  const content = answers.get(request.body.messages.at(-1)!.content)!;
  return {
    id: `batch_req_${request.custom_id.slice(0, 8)}`,
    custom_id: request.custom_id,
    response: {
      status_code: 200,
      body: {
        object: "chat.completion",
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: { prompt_tokens: 100, completion_tokens: 20 },
      },
    },
    error: null,
  };
}
