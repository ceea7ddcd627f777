// A run killed at a random moment and started again pays for no answer it had already stored, and ends
// with exactly the output of a run that was never interrupted.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startTestBench, type TestBench } from "../../test/support/llm-test-bench.ts";
import { failureRecords } from "./failure-log.ts";

const workerPath = fileURLToPath(new URL("../../test/support/kill-resume-worker.ts", import.meta.url));
const count = 80;
const permanentlyRefused = "item 7";

let bench: TestBench;
before(async () => {
  bench = await startTestBench({ latencyMs: 15 });
});
after(() => bench.close());

function startWorker(name: string): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null }>;
  output: string;
} {
  const directory = join(bench.directory, name);
  mkdirSync(directory, { recursive: true });
  const output = join(directory, "output.jsonl");
  const child = spawn(
    process.execPath,
    [
      workerPath,
      "--base-url",
      bench.server.baseUrl,
      "--cache",
      join(directory, "cache.sqlite"),
      "--output",
      output,
      "--count",
      String(count),
    ],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output };
}

function contentsSince(firstIndex: number): string[] {
  return bench.server
    .completionRequests()
    .filter((request) => request.index >= firstIndex)
    .map((request) => request.body!.messages[0].content);
}

function committedContents(cachePath: string): Set<string> {
  const database = new DatabaseSync(cachePath, { readOnly: true });
  const rows = database.prepare("SELECT request_json FROM responses").all() as { request_json: string }[];
  database.close();
  return new Set(rows.map((row) => JSON.parse(row.request_json).messages[0].content as string));
}

test("kill -9 mid-run, resume: no stored answer is requested again and the output matches an uninterrupted run", async () => {
  bench.server.setScript((request) =>
    request.body?.messages[0].content === permanentlyRefused ? { status: 400 } : undefined,
  );

  const reference = startWorker("uninterrupted");
  assert.deepEqual(await reference.exited, { code: 0, signal: null });
  const expectedOutput = readFileSync(reference.output, "utf8");

  // Killed when the 30th request of its run reaches the server, with several answers in flight.
  const firstRunStart = bench.server.requests.length;
  const killed = startWorker("resumed");
  bench.server.setScript((request) => {
    if (request.index === firstRunStart + 30) killed.child.kill("SIGKILL");
    return request.body?.messages[0].content === permanentlyRefused ? { status: 400 } : undefined;
  });
  assert.equal((await killed.exited).signal, "SIGKILL");
  const cachePath = join(bench.directory, "resumed", "cache.sqlite");
  const committed = committedContents(cachePath);
  assert.ok(committed.size > 0 && committed.size < count, `${committed.size} answers stored before the kill`);

  const secondRunStart = bench.server.requests.length;
  const resumed = startWorker("resumed");
  assert.deepEqual(await resumed.exited, { code: 0, signal: null });

  const resent = contentsSince(secondRunStart);
  assert.deepEqual(
    resent.filter((content) => committed.has(content)),
    [],
    "no stored answer was paid for again",
  );
  const paidTwice = resent.filter(
    (content, index) => content !== permanentlyRefused && resent.indexOf(content) !== index,
  );
  assert.deepEqual(paidTwice, [], "each missing answer was requested once");
  assert.equal(readFileSync(resumed.output, "utf8"), expectedOutput);
  assert.equal(committedContents(cachePath).size, count - 1, "every answerable request is stored");
  // The log keeps both runs (the killed one may have recorded it too): the resumed run's part.
  const lines = readFileSync(join(bench.directory, "resumed", "failed-requests.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as object);
  const failures = failureRecords(lines.slice(lines.findLastIndex((line) => "run" in line) + 1));
  assert.deepEqual(
    failures.map((failure) => failure.request.lastUserMessage),
    [permanentlyRefused],
  );
});
