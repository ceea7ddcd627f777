// End to end: `hum glan` against the loopback OpenAI-compatible server, scripted to answer each
// phase's prompt: taxonomy file → answers → `hum synth` IG instructions; `--plan` counts equal to the
// requests made; byte-identical reruns from the cache; faults retried to the same bytes; a batch round
// trip for the questions and answers phases.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, mock, test } from "node:test";
import { fileURLToPath } from "node:url";
import { glanAnswer } from "../../test/support/glan-model.ts";
import { humInProcess as hum } from "../../test/support/hum-in-process.ts";
import { type OpenAiServer, type ReplyScript, startOpenAiServer } from "../../test/support/openai-server.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/glan/taxonomy.yaml", import.meta.url));
const FILES = ["taxonomy", "subjects", "syllabus", "questions", "answers"].map((name) => `${name}.jsonl`);
const COUNTS = ["--subjects", "2", "--sessions", "3", "--questions", "2"];

const modelScript: ReplyScript = (request) => ({ text: glanAnswer(request.body!) });

let server: OpenAiServer;
let directory: string;
before(async () => {
  server = await startOpenAiServer({ script: modelScript });
  directory = mkdtempSync(join(tmpdir(), "hum-glan-cli-"));
});
after(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

let printed: string[];
beforeEach(() => {
  printed = [];
  mock.method(console, "log", (line: string) => printed.push(line));
  server.setScript(modelScript);
});

const path = (...parts: string[]) => join(directory, ...parts);
const calls = () => server.completionRequests().length;
const read = (...parts: string[]) => readFileSync(path(...parts), "utf8");

function llmFlags(cache: string, ...extra: string[]): string[] {
  return ["--base-url", server.baseUrl, "--model", "mock-model", "--cache", path(cache), ...extra];
}

function readJsonl(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test("glan all: --plan counts the requests the run then makes; answers become IG instructions; a rerun is byte-identical from the cache", async () => {
  const args = ["glan", "all", "--taxonomy", EXAMPLE, ...COUNTS, ...llmFlags("all.sqlite")];
  await hum(...args, "--out-dir", path("run"), "--plan");
  assert.equal(calls(), 0, "planning makes no request");
  const plan = printed.join("\n");
  assert.match(plan, /77 requests to pay for/);
  const planned = Object.fromEntries(
    [...plan.matchAll(/^ {2}(\w+) +(\d+) requests/gm)].map((match) => [match[1], Number(match[2])]),
  );
  assert.deepEqual(planned, { taxonomy: 0, subjects: 7, syllabus: 14, questions: 28, answers: 28 });

  await hum(...args, "--out-dir", path("run"));
  assert.equal(calls(), 77, "the plan's count");
  const phases = Object.fromEntries(
    server.completionRequests().map((request) => [request.body!.response_format ? "structured" : "text", 0]),
  );
  assert.ok("structured" in phases && "text" in phases);
  assert.match(printed.at(-1)!, /^answers: 28 asked, 28 written, 0 rejected/);

  const answers = readJsonl(read("run", "answers.jsonl"));
  assert.equal(answers.length, 28);
  assert.deepEqual(
    { kind: answers[0].kind, source: answers[0].source, lang: answers[0].lang },
    { kind: "chat", source: "glan", lang: "en" },
  );
  assert.equal((answers[0].metadata as { discipline: string }).discipline, "Algebra");

  // The answers are the IG slice of a synth run.
  await hum("synth", "--input", path("run", "answers.jsonl"), "--out", path("run", "corpus.jsonl"));
  const instructions = readJsonl(read("run", "corpus.jsonl"));
  assert.equal(instructions.length, 28);
  assert.ok(instructions.every((line) => line.task === "IG" && line.source === "glan"));
  assert.equal(instructions[0].instruction, answers[0].instruction);
  assert.equal(instructions[0].output, answers[0].output);

  // Same inputs, same cache: no request, the same bytes.
  await hum(...args, "--out-dir", path("again"));
  assert.equal(calls(), 77, "a rerun is answered from the cache");
  for (const file of FILES) assert.equal(read("again", file), read("run", file), file);

  // A phase planned on its own is counted exactly, cache included.
  await hum(
    "glan",
    "questions",
    "--in",
    path("run", "syllabus.jsonl"),
    "--out",
    path("q.jsonl"),
    "--questions",
    "2",
    ...llmFlags("all.sqlite"),
    "--plan",
  );
  assert.match(printed.at(-1)!, /questions +28 requests \(28 cached\)/);
});

test("glan all drafts the taxonomy with the LLM and answers with --answer-model; plan and run agree", async () => {
  const args = ["glan", "all", "--field", "Arts", "--sub-fields", "1", "--disciplines", "2"];
  const counts = ["--subjects", "1", "--sessions", "2", "--questions", "1", "--answer-model", "cheap-model"];
  const flags = [...llmFlags("draft.sqlite"), "--out-dir", path("draft")];
  await hum(...args, ...counts, ...flags, "--plan");
  assert.match(printed.join("\n"), /9 requests to pay for/);
  const before = calls();
  await hum(...args, ...counts, ...flags);
  const made = server.completionRequests().slice(before);
  assert.equal(made.length, 9);
  assert.deepEqual(
    made.map((request) => request.body!.model),
    [...Array(7).fill("mock-model"), "cheap-model", "cheap-model"],
  );
  const taxonomy = readJsonl(read("draft", "taxonomy.jsonl"));
  assert.deepEqual(
    taxonomy.map((item) => [item.id, item.origin, item.reviewed]),
    [
      ["arts/arts-area-1/arts-discipline-1-1", "llm", false],
      ["arts/arts-area-1/arts-discipline-1-2", "llm", false],
    ],
  );
  assert.equal(readJsonl(read("draft", "answers.jsonl")).length, 2);

  // Nothing drafted is reviewed yet: --reviewed-only stops after the taxonomy and says why.
  await hum(
    ...args,
    ...counts,
    ...llmFlags("draft.sqlite"),
    "--out-dir",
    path("draft-reviewed"),
    "--reviewed-only",
  );
  assert.match(printed.at(-1)!, /subjects: no reviewed input \(2 await review\), stopping/);
  assert.equal(process.exitCode ?? 0, 0, "waiting for review is not a failure");
});

test("faults (429, 500, malformed JSON, a dropped connection) are retried to the same bytes; a refused request is a rejection", async () => {
  const refused = "of Logic 2";
  let faults = 0;
  const seen = new Set<string>();
  server.setScript((request) => {
    const body = request.body!;
    const last = body.messages.at(-1)!.content;
    const first = !seen.has(request.rawBody);
    seen.add(request.rawBody);
    if (first && request.index % 4 === 0) {
      faults++;
      const kind = faults % 4;
      if (kind === 0) return { status: 429, retryAfter: "0" };
      // Malformed JSON only means something for a structured request; a text answer gets a 429.
      if (kind === 1)
        return body.response_format ? { text: 'Sure! Here is the JSON: {"sub' } : { status: 429 };
      if (kind === 2) return { drop: "before-response" };
      return { status: 500, retryAfter: "0" };
    }
    if (!body.response_format && last.includes(refused)) return { status: 400 };
    return modelScript(request);
  });
  await hum(
    "glan",
    "all",
    "--taxonomy",
    EXAMPLE,
    ...COUNTS,
    ...llmFlags("faults.sqlite", "--max-retries", "4"),
    "--out-dir",
    path("faults"),
  );
  assert.ok(faults > 10, `${faults} faults injected`);
  for (const file of FILES.slice(0, 4)) assert.equal(read("faults", file), read("run", file), file);
  // Answers to questions about Logic 2 are refused (400): rejected, not retried, the rest written.
  const refusedIds = readJsonl(read("run", "questions.jsonl"))
    .filter((question) => String(question.question).includes(refused))
    .map((question) => question.id);
  const rejections = readJsonl(read("faults", "answers.jsonl.rejects.jsonl"));
  assert.deepEqual(
    rejections.map((line) => [line.id, line.reason]),
    refusedIds.map((id) => [id, "http_400"]),
  );
  const kept = readJsonl(read("run", "answers.jsonl")).filter((record) => !refusedIds.includes(record.id));
  assert.deepEqual(readJsonl(read("faults", "answers.jsonl")), kept);
});

test("batch round trip: questions and answers exported, run elsewhere, imported, then answered offline to the live run's bytes", async () => {
  const cache = "batch.sqlite";
  const questionArgs = [
    "glan",
    "questions",
    "--in",
    path("run", "syllabus.jsonl"),
    "--questions",
    "2",
    ...llmFlags(cache),
  ];
  const before = calls();
  await hum(
    "llm",
    "export-batch",
    "--out",
    path("q-batch.jsonl"),
    ...questionArgs,
    "--out",
    path("batch", "questions.jsonl"),
  );
  assert.match(printed.at(-1)!, /planned 28 requests: 0 already cached, 28 written/);
  assert.throws(() => read("batch", "questions.jsonl"), "plan mode writes nothing");
  runBatch("q-batch.jsonl", "q-results.jsonl");
  await hum("llm", "import-batch", "--cache", path(cache), path("q-results.jsonl"));
  assert.match(printed.at(-1)!, /imported 28 answers/);
  await hum(...questionArgs, "--offline", "--out", path("batch", "questions.jsonl"));
  assert.equal(read("batch", "questions.jsonl"), read("run", "questions.jsonl"));

  const answerArgs = ["glan", "answers", "--in", path("batch", "questions.jsonl"), ...llmFlags(cache)];
  await hum(
    "llm",
    "export-batch",
    "--out",
    path("a-batch.jsonl"),
    ...answerArgs,
    "--out",
    path("batch", "answers.jsonl"),
  );
  assert.match(printed.at(-1)!, /planned 28 requests: 0 already cached, 28 written/);
  runBatch("a-batch.jsonl", "a-results.jsonl");
  await hum("llm", "import-batch", "--cache", path(cache), path("a-results.jsonl"));
  await hum(...answerArgs, "--offline", "--out", path("batch", "answers.jsonl"));
  assert.equal(read("batch", "answers.jsonl"), read("run", "answers.jsonl"));
  assert.equal(calls(), before, "no request reached the server");
});

/** What vLLM run-batch (or the OpenAI Batch API) would write for a request file, answered by the script. */
function runBatch(batch: string, results: string): void {
  const lines = read(batch)
    .trim()
    .split("\n")
    .map((line) => {
      const request = JSON.parse(line) as { custom_id: string; body: Parameters<typeof glanAnswer>[0] };
      const content = glanAnswer(request.body);
      return JSON.stringify({
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
      });
    });
  writeFileSync(path(results), `${lines.join("\n")}\n`);
}
