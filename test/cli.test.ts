import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
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
