// `hum glan all` killed with SIGKILL in the middle of a run and started again: no answer already in the
// cache is paid for again (only the requests in flight at the kill are repeated, once), and every file
// ends byte-identical to an uninterrupted run's.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { glanAnswer } from "../../test/support/glan-model.ts";
import { type OpenAiServer, type ReplyScript, startOpenAiServer } from "../../test/support/openai-server.ts";

const HUM = fileURLToPath(new URL("../../bin/hum.js", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../../examples/glan/taxonomy.yaml", import.meta.url));
const FILES = ["taxonomy", "subjects", "syllabus", "questions", "answers"].map((name) => `${name}.jsonl`);
// The taxonomy comes from a file; then 7 disciplines → 14 subjects → 14 syllabi → 28 questions → 28 answers.
const REQUESTS = 7 + 14 + 28 + 28;

const modelScript: ReplyScript = (request) => ({ text: glanAnswer(request.body!) });

let server: OpenAiServer;
let directory: string;
before(async () => {
  server = await startOpenAiServer({ script: modelScript, latencyMs: 15 });
  directory = mkdtempSync(join(tmpdir(), "hum-glan-kill-"));
});
after(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

function startRun(name: string): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null }>;
} {
  const child = spawn(
    process.execPath,
    [
      HUM,
      "glan",
      "all",
      "--taxonomy",
      EXAMPLE,
      "--subjects",
      "2",
      "--sessions",
      "3",
      "--questions",
      "2",
      "--out-dir",
      join(directory, name),
      "--base-url",
      server.baseUrl,
      "--model",
      "mock-model",
      "--cache",
      join(directory, `${name}.sqlite`),
      "--concurrency",
      "4",
    ],
    { stdio: "ignore" },
  );
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, exited };
}

/** Request bodies as the cache stores them, in one canonical spelling. */
function committedBodies(cachePath: string): Set<string> {
  const database = new DatabaseSync(cachePath, { readOnly: true });
  const rows = database.prepare("SELECT request_json FROM responses").all() as { request_json: string }[];
  database.close();
  return new Set(rows.map((row) => JSON.stringify(JSON.parse(row.request_json))));
}

function bodiesSince(index: number): string[] {
  return server
    .completionRequests()
    .filter((request) => request.index >= index)
    .map((request) => JSON.stringify(request.body));
}

test("kill -9 during glan all, resume: nothing stored is paid again and the files match an uninterrupted run", async (t) => {
  const reference = startRun("uninterrupted");
  assert.deepEqual(await reference.exited, { code: 0, signal: null });
  assert.equal(server.completionRequests().length, REQUESTS);

  // Killed when the 40th request of its run (in the questions phase) reaches the server.
  const firstStart = server.requests.length;
  const killed = startRun("resumed");
  server.setScript((request) => {
    if (request.index === firstStart + 40) killed.child.kill("SIGKILL");
    return modelScript(request);
  });
  assert.equal((await killed.exited).signal, "SIGKILL");
  server.setScript(modelScript);
  const cachePath = join(directory, "resumed.sqlite");
  const committed = committedBodies(cachePath);
  assert.ok(
    committed.size >= 30 && committed.size < REQUESTS,
    `${committed.size} answers stored before the kill`,
  );

  const secondStart = server.requests.length;
  const resumed = startRun("resumed");
  assert.deepEqual(await resumed.exited, { code: 0, signal: null });

  const resent = bodiesSince(secondStart);
  assert.deepEqual(
    resent.filter((body) => committed.has(body)),
    [],
    "no stored answer was paid for again",
  );
  assert.equal(new Set(resent).size, resent.length, "each missing answer was asked once");
  assert.equal(committed.size + resent.length, REQUESTS, "every request not stored is asked again, once");
  const sentBeforeKill = new Set(bodiesSince(firstStart).slice(0, secondStart - firstStart));
  const repaid = resent.filter((body) => sentBeforeKill.has(body));
  t.diagnostic(
    `${REQUESTS} requests: ${committed.size} stored before the kill, ${resent.length} asked on resume, ` +
      `${repaid.length} of them in flight at the kill`,
  );
  assert.ok(
    repaid.length <= 4,
    `only the requests in flight at the kill are paid twice (${repaid.length}, concurrency 4)`,
  );
  for (const file of FILES)
    assert.equal(
      readFileSync(join(directory, "resumed", file), "utf8"),
      readFileSync(join(directory, "uninterrupted", file), "utf8"),
      file,
    );
});
