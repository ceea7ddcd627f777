import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const hum = (...args: string[]) =>
  execFileSync(process.execPath, [join(root, "bin/hum.js"), ...args], { encoding: "utf8" });

test("hum synth on the embedded example covers every task, with nothing rejected", () => {
  const dir = mkdtempSync(join(tmpdir(), "hum-cli-"));
  const out = join(dir, "instructions.jsonl");
  const summaryPath = join(dir, "summary.json");
  const printed = hum(
    "synth",
    "--config",
    join(root, "examples/hum.yaml"),
    "--out",
    out,
    "--summary",
    summaryPath,
  );
  assert.match(printed, /records: \d+ read, \d+ accepted, 0 rejected/);
  const summary = JSON.parse(readFileSync(summaryPath, "utf8"));
  assert.deepEqual(Object.keys(summary.instructions.by_task).sort(), [
    "EE",
    "EEA",
    "EET",
    "IG",
    "KGE",
    "MRC",
    "NER",
    "OpenIE",
    "RE",
    "SPO",
    "TC",
  ]);
  const lines = readFileSync(out, "utf8").trim().split("\n");
  assert.equal(lines.length, summary.instructions.total);
  for (const line of lines) {
    const record = JSON.parse(line);
    assert.deepEqual(Object.keys(record).slice(0, 9), [
      "id",
      "task",
      "source",
      "lang",
      "kind",
      "strategies",
      "instruction",
      "output",
      "label",
    ]);
  }
});

test("hum synth without input says what is missing and exits non-zero", () => {
  const result = spawnSync(process.execPath, [join(root, "bin/hum.js"), "synth", "--out", "x.jsonl"], {
    encoding: "utf8",
  });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /no input/);
});

test("a config with an unknown key names the file and the key", () => {
  const result = spawnSync(
    process.execPath,
    [join(root, "bin/hum.js"), "synth", "--config", join(root, "package.json")],
    {
      encoding: "utf8",
    },
  );
  assert.equal(result.status, 1);
  assert.match(result.stderr, /package\.json: .*Unrecognized key.*"name"/);
});

test("hum lint passes the embedded example's instructions and fails a broken one with per-rule counts", () => {
  const dir = mkdtempSync(join(tmpdir(), "hum-lint-cli-"));
  const out = join(dir, "instructions.jsonl");
  const summary = join(dir, "summary.json");
  hum(
    "synth",
    "--config",
    join(root, "examples/hum.yaml"),
    "--out",
    out,
    "--summary",
    summary,
    "--compound-ratio",
    "1",
  );
  const printed = hum("lint", out);
  assert.match(printed, / 0 fail the lint/);
  const lines = readFileSync(out, "utf8").trim().split("\n");
  const broken = JSON.parse(lines.find((line) => line.includes('"kind":"compound"'))!);
  broken.output = "not the answer";
  const bad = join(dir, "broken.jsonl");
  writeFileSync(bad, `${[...lines, JSON.stringify(broken)].join("\n")}\n`);
  const run = spawnSync(process.execPath, [join(root, "bin/hum.js"), "lint", bad], { encoding: "utf8" });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /1 fail the lint/);
  assert.match(run.stdout, /parses-back: 1/);
});

test("the config key `tokenizer` counts the synth budget, and `hum lint --tokenizer` counts the lint's", () => {
  const dir = mkdtempSync(join(tmpdir(), "hum-tokenizer-cli-"));
  const config = join(dir, "hum.yaml");
  const out = join(dir, "instructions.jsonl");
  writeFileSync(
    config,
    [
      `inputs: [${JSON.stringify(join(root, "examples/data/entities.jsonl"))}]`,
      `dictionary: ${JSON.stringify(join(root, "examples/dictionary.yaml"))}`,
      "out: instructions.jsonl",
      "summary: summary.json",
      "compound_ratio: 1",
      "token_budget: 200",
      "tokenizer: qwen2",
    ].join("\n"),
  );
  const printed = hum("synth", "--config", config);
  assert.match(printed, /length: budget 200 tokens by qwen2;/);
  const summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"));
  assert.equal(summary.mix.length.tokenizer, "qwen2");
  assert.equal(summary.mix.length.budget, 200);
  assert.match(
    hum("lint", out, "--tokenizer", "qwen2", "--budget", "200"),
    /0 fail the lint \(length budget 200 tokens by qwen2\)/,
  );

  writeFileSync(config, "tokenizer: gpt-9\n");
  const bad = spawnSync(process.execPath, [join(root, "bin/hum.js"), "synth", "--config", config], {
    encoding: "utf8",
  });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /hum\.yaml: tokenizer: .*chars\/4/);
});
