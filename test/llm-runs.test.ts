// LLM commands run as a user runs them (the real binary) against the loopback OpenAI-compatible
// server: runs that cannot succeed stop early and say why, waits are capped, the key leaks nowhere,
// failures are logged per run, a broken cache is named, Ctrl-C says where the run stands.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type OpenAiServer, startOpenAiServer } from "./support/openai-server.ts";
import { runHum } from "./support/run-hum.ts";

let server: OpenAiServer;
before(async () => {
  server = await startOpenAiServer();
});
after(() => server.close());

const scratch = () => mkdtempSync(join(tmpdir(), "hum-llm-run-"));

/** An eval set of `count` sentiment instructions, as `hum eval build` writes them. */
function evalSet(dir: string, count: number, name = "imdb.B.jsonl"): string {
  const path = join(dir, name);
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      id: `imdb-${i}`,
      dataset: "imdb",
      variant: "B",
      task: "TC",
      source: "imdb",
      lang: "en",
      record_id: `r${i}`,
      instruction: `Is review ${i} positive or negative?`,
      chunk: { labels: ["negative", "positive"], plain: true },
      format: "plain",
      label: { type: "positive" },
      reference_output: "positive",
    }),
  );
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

function evalRun(dir: string, sets: string, ...extra: string[]): string[] {
  return [
    "eval",
    "run",
    "--sets",
    sets,
    "--out",
    join(dir, "predictions.jsonl"),
    "--cache",
    join(dir, "cache.sqlite"),
    "--base-url",
    server.baseUrl,
    "--model",
    "mock-model",
    ...extra,
  ];
}

const indexOf = (content: string | undefined) => Number(/review (\d+)/.exec(content ?? "")?.[1]);
const lastUser = (request: OpenAiServer["requests"][number]) => request.body?.messages.at(-1)?.content;

/** Every file under a folder, as bytes joined: to look for a secret anywhere a run wrote. */
function everythingWritten(dir: string): string {
  let all = "";
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    all += statSync(path).isDirectory() ? everythingWritten(path) : readFileSync(path).toString("latin1");
  }
  return all;
}

test("Retry-After: 3600 is cut to --max-retry-wait and the run goes on", async () => {
  const dir = scratch();
  const sets = evalSet(dir, 3);
  let refused = 0;
  server.setScript(() => (refused++ === 0 ? { status: 429, retryAfter: "3600" } : undefined));
  const run = await runHum([...evalRun(dir, sets, "--concurrency", "1", "--max-retry-wait", "1")]);
  server.setScript(undefined);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /3 predictions \(0 failed requests\)/);
  assert.match(run.stderr, /1 retries/);
});

test("a model the server does not know (HTTP 404 on every request) stops after a few calls and says what to check", async () => {
  const dir = scratch();
  const sets = evalSet(dir, 40);
  const before = server.completionRequests().length;
  server.setScript(() => ({ status: 404 }));
  const run = await runHum([...evalRun(dir, sets, "--concurrency", "4")]);
  server.setScript(undefined);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /hum: stopped after the first 5 attempts all failed: HTTP 404 .*check --model/);
  assert.ok(server.completionRequests().length - before <= 5 + 4, "no request sent once the run stopped");
  assert.throws(() => readFileSync(join(dir, "predictions.jsonl")), "no predictions written");
});

test("a closed port stops the run early with advice about --base-url", async () => {
  const dir = scratch();
  const sets = evalSet(dir, 20);
  const closed = await startOpenAiServer();
  const baseUrl = closed.baseUrl;
  await closed.close();
  const args = evalRun(dir, sets);
  args[args.indexOf("--base-url") + 1] = baseUrl;
  const run = await runHum(args);
  assert.equal(run.status, 1);
  assert.match(run.stderr, new RegExp(`cannot connect to ${baseUrl} .*ECONNREFUSED.*check --base-url`));
});

test("a base URL without /v1 gets 404s and the advice names --base-url", async () => {
  const dir = scratch();
  const sets = evalSet(dir, 10);
  const args = evalRun(dir, sets);
  args[args.indexOf("--base-url") + 1] = server.baseUrl.replace(/\/v1$/, "");
  const run = await runHum(args);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /HTTP 404 .*--base-url \(it ends with \/v1/);
});

test("every request failing (HTTP 400) exits non-zero; partial failure is recorded and exits 0", async () => {
  const dir = scratch();
  const sets = evalSet(dir, 6);
  server.setScript(() => ({ status: 400 }));
  const all = await runHum(evalRun(dir, sets));
  assert.equal(all.status, 1);
  assert.match(
    all.stderr,
    /hum: every one of the 6 requests failed \(http_400 6\); failures are recorded in /,
  );

  server.setScript((request) => (indexOf(lastUser(request)) % 2 === 1 ? { status: 400 } : undefined));
  const partial = await runHum(evalRun(dir, sets));
  assert.equal(partial.status, 0, partial.stderr);
  assert.match(partial.stdout, /6 predictions \(3 failed requests\)/);

  const limited = await runHum([
    ...evalRun(
      join(dir),
      sets,
      "--max-failures",
      "1",
      "--concurrency",
      "1",
      "--cache",
      join(dir, "other.sqlite"),
    ),
  ]);
  server.setScript(undefined);
  assert.equal(limited.status, 1);
  assert.match(limited.stderr, /stopped: more than 1 requests failed \(--max-failures\)/);
});

test("the failure log keeps every run under its header and survives other commands", async () => {
  const dir = scratch();
  const sets = evalSet(dir, 4);
  const log = join(dir, "failed-requests.jsonl");
  server.setScript((request) => (indexOf(lastUser(request)) === 0 ? { status: 400 } : undefined));
  for (let run = 0; run < 2; run++) assert.equal((await runHum(evalRun(dir, sets))).status, 0);
  const exported = await runHum([
    "llm",
    "export-batch",
    "--out",
    join(dir, "batch.jsonl"),
    ...evalRun(dir, sets),
  ]);
  server.setScript(undefined);
  assert.equal(exported.status, 0, exported.stderr);
  const lines = readFileSync(log, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  assert.equal(lines.filter((line) => "run" in line).length, 2);
  assert.deepEqual(
    lines.filter((line) => !("run" in line)).map((line) => line.request.id),
    ["imdb-0", "imdb-0"],
  );
  assert.match(lines[0].run.command, /^eval run --sets /);
});

test("an API key with a line break is refused without being shown, and leaks into no file", async () => {
  const dir = scratch();
  const sets = evalSet(dir, 3);
  const run = await runHum(evalRun(dir, sets), {
    env: { OPENAI_API_KEY: "sk-first-half-0123\nsecond-half-4567" },
  });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /the API key in \$OPENAI_API_KEY holds a line break/);
  for (const text of [run.stdout, run.stderr, everythingWritten(dir)]) {
    assert.doesNotMatch(text, /first-half-0123/);
    assert.doesNotMatch(text, /second-half-4567/);
  }
});

test("a key the server echoes in its error body is redacted from the failure log and the messages", async () => {
  const dir = scratch();
  const sets = evalSet(dir, 8);
  const key = "sk-echoed-secret-98765";
  server.setScript((request) => ({
    status: 401,
    rawBody: JSON.stringify({
      error: { message: `Incorrect API key provided: ${request.headers.authorization}` },
    }),
  }));
  const run = await runHum(evalRun(dir, sets), { env: { OPENAI_API_KEY: key } });
  server.setScript(undefined);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /the server refused the API key \(HTTP 401\): check \$OPENAI_API_KEY/);
  const log = readFileSync(join(dir, "failed-requests.jsonl"), "utf8");
  assert.match(log, /Incorrect API key provided: Bearer \[redacted\]/);
  for (const text of [run.stdout, run.stderr, everythingWritten(dir)])
    assert.doesNotMatch(text, /echoed-secret/);
});

test("a corrupted cache file is named, with how to recover, and no stack", async () => {
  const dir = scratch();
  const sets = evalSet(dir, 2);
  writeFileSync(join(dir, "cache.sqlite"), Buffer.alloc(8192, 7));
  const run = await runHum(evalRun(dir, sets));
  assert.equal(run.status, 1);
  const cache = join(dir, "cache.sqlite");
  assert.equal(
    run.stderr,
    `hum: ${cache}: the answer cache cannot be read (file is not a database). Move it aside ` +
      `(mv ${cache} ${cache}.broken) and run again: a fresh cache is started, and the answers it held are asked again\n`,
  );
});

test("Ctrl-C prints where the run stands and that a rerun resumes", async () => {
  const dir = scratch();
  const sets = evalSet(dir, 50);
  const before = server.completionRequests().length;
  server.setScript(() => ({ latencyMs: 200 }));
  const run = await runHum(evalRun(dir, sets, "--concurrency", "1"), {
    started: (child) => {
      const poll = setInterval(() => {
        if (server.completionRequests().filter((r) => r.answered).length - before >= 3) {
          clearInterval(poll);
          child.kill("SIGINT");
        }
      }, 20);
    },
  });
  server.setScript(undefined);
  assert.equal(run.status, 130, run.stderr);
  assert.match(
    run.stderr,
    /interrupted: llm: \d+\/50 · .*Every answer so far is cached: run the same command again to resume/,
  );
});

test("malformed LLM flags are usage errors naming the flag", async () => {
  const dir = scratch();
  const sets = evalSet(dir, 1);
  for (const [flag, value] of [
    ["--base-url", "localhost:8000/v1"],
    ["--base-url", "not a url"],
    ["--timeout", "1.5"],
    ["--timeout", "99999999"],
    ["--timeout", ""],
    ["--temperature", "3"],
    ["--top-p", "0"],
    ["--max-failures", "-1"],
  ]) {
    const run = await runHum([...evalRun(dir, sets), flag, value]);
    assert.equal(run.status, 1, `${flag} ${value}`);
    assert.match(
      run.stderr,
      new RegExp(`option '${flag} <[a-z]+>' argument '.*' is invalid`),
      `${flag} ${value}`,
    );
    assert.match(run.stderr, /Usage: hum eval run/);
  }
});

test("predictions read at the boundary: a bad line is file:line:reason", async () => {
  const dir = scratch();
  const sets = evalSet(dir, 2);
  const [first, second] = readFileSync(sets, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  const predictions = join(dir, "bad.jsonl");
  const { label: _label, ...noLabel } = second;
  writeFileSync(
    predictions,
    `${JSON.stringify({ ...first, output: "positive" })}\n${JSON.stringify({ ...noLabel, output: "x" })}\n`,
  );
  const missingLabel = await runHum(["eval", "score", "--predictions", predictions]);
  assert.equal(missingLabel.status, 1);
  assert.match(missingLabel.stderr, new RegExp(`^hum: ${predictions}:2: label: `));
  writeFileSync(predictions, `${JSON.stringify({ ...first, output: 7 })}\n`);
  const numberOutput = await runHum(["eval", "score", "--predictions", predictions]);
  assert.equal(numberOutput.status, 1);
  assert.match(numberOutput.stderr, new RegExp(`^hum: ${predictions}:1: output: `));
});

test("dict author never replaces a good --out with a dictionary emptied by failed requests", async () => {
  const dir = scratch();
  const data = join(dir, "data.jsonl");
  writeFileSync(
    data,
    `${JSON.stringify({
      kind: "entities",
      source: "news",
      lang: "en",
      text: "Ada Lovelace lived in London.",
      entities: [
        { text: "Ada Lovelace", type: "person" },
        { text: "London", type: "location" },
      ],
    })}\n`,
  );
  const out = join(dir, "dictionary.yaml");
  const author = (cache: string) => [
    "dict",
    "author",
    "--input",
    data,
    "--out",
    out,
    "--cache",
    join(dir, cache),
    "--base-url",
    server.baseUrl,
    "--model",
    "mock-model",
  ];
  const answer = (label: string) =>
    JSON.stringify({
      descriptions: [`A ${label}.`, `Any ${label}.`, `The ${label}.`],
      synonyms: [label],
      values: [],
    });
  const labelOf = (request: OpenAiServer["requests"][number]) =>
    /Describe the .+? "(.+?)" as the dataset uses it/.exec(lastUser(request) ?? "")?.[1] ?? "";
  server.setScript((request) => ({ text: answer(labelOf(request)) }));
  const good = await runHum(author("first.sqlite"));
  assert.equal(good.status, 0, good.stderr);
  const written = readFileSync(out, "utf8");
  assert.match(written, /A location\./);

  server.setScript((request) =>
    labelOf(request) === "location" ? { status: 400 } : { text: answer(labelOf(request)) },
  );
  const worse = await runHum(author("second.sqlite"));
  server.setScript(undefined);
  assert.equal(worse.status, 1);
  assert.match(
    worse.stderr,
    /not replacing .*dictionary\.yaml \(2 labels described\) with a dictionary describing fewer \(1\)/,
  );
  assert.equal(readFileSync(out, "utf8"), written);
});
