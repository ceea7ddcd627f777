import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { lintJsonl } from "../src/lint/index.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const datasets = join(root, "..", "shared", "datasets");
const hum = (...args: string[]) =>
  execFileSync(process.execPath, [join(root, "bin/hum.js"), ...args], { encoding: "utf8", stdio: "pipe" });

const INPUTS = [
  "alpaca_seed_tasks/seed_tasks.jsonl",
  "crossner/ai/dev.txt",
  "crossner/music/dev.txt",
  "fewrel/val_wiki.json",
  "conll04/dev.txt",
  "fewfc/dev_base.json",
  "phee/dev.json",
  "mit_movie/trivia10k13test.bio",
  "ade/DRUG-AE.rel",
  "cmrc2018/cmrc2018_dev.json",
  "chnsenticorp/dev.tsv",
  "c3/c3-d-dev.json",
  "imdb/aclImdb",
  "casie/annotation",
];

test("on the shared datasets every instruction passes the lint, with and without a dictionary, and eval C sets too", async (t) => {
  if (!existsSync(datasets)) return t.skip("../shared/datasets not found");
  const dir = mkdtempSync(join(tmpdir(), "hum-lint-shared-"));
  const inputs = INPUTS.flatMap((path) => ["-i", join(datasets, path)]);
  hum("dict", "mine", ...inputs, "-o", join(dir, "dictionary.yaml"));
  for (const dictionary of [[], ["--dictionary", join(dir, "dictionary.yaml")]]) {
    const out = join(dir, `out${dictionary.length}.jsonl`);
    const summary = join(dir, `summary${dictionary.length}.json`);
    hum("synth", ...inputs, ...dictionary, "-o", out, "--summary", summary);
    const report = await lintJsonl(out);
    assert.equal(report.failed, 0, JSON.stringify(report.rules, null, 1));
    const { mix } = JSON.parse(readFileSync(summary, "utf8"));
    assert.ok(Math.abs(mix.compound.achieved - 0.45) <= 0.02, `compound ${mix.compound.achieved}`);
  }
  const evalDir = join(dir, "eval");
  hum("eval", "build", "--datasets", datasets, "--dictionary", join(dir, "dictionary.yaml"), "-o", evalDir);
  for (const file of readdirSync(evalDir).filter((f) => f.endsWith(".jsonl"))) {
    const report = await lintJsonl(join(evalDir, file));
    assert.equal(report.failed, 0, `${file}: ${JSON.stringify(report.rules, null, 1)}`);
  }
});
