import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const datasets = join(root, "..", "shared", "datasets");
const hum = (...args: string[]) =>
  execFileSync(process.execPath, [join(root, "bin/hum.js"), ...args], { encoding: "utf8" });

/**
 * Every training and eval slice, read in its native format. The chat data comes first: it can never be
 * compound, and the streaming quota makes up for ineligible stretches only with what follows them.
 */
const INPUTS = [
  "alpaca_seed_tasks/seed_tasks.jsonl",
  "crossner/ai/dev.txt",
  "crossner/music/dev.txt",
  "crossner/politics/dev.txt",
  "crossner/science/dev.txt",
  "crossner/literature/dev.txt",
  "fewrel/val_wiki.json",
  "conll04/dev.txt",
  "fewfc/dev_base.json",
  "phee/dev.json",
  "mit_movie/trivia10k13test.bio",
  "scierc/ner/dev.txt",
  "ade/DRUG-AE.rel",
  "cmrc2018/cmrc2018_dev.json",
  "chnsenticorp/dev.tsv",
  "c3/c3-d-dev.json",
  "c3/c3-m-dev.json",
  "imdb/aclImdb",
  "casie/annotation",
];

test("on the shared datasets, compound ratio and strategy shares land within one point of target", (t) => {
  if (!existsSync(datasets)) return t.skip("../shared/datasets not found");
  const dir = mkdtempSync(join(tmpdir(), "hum-mix-"));
  const inputs = INPUTS.map((path) => join(datasets, path));
  hum("dict", "mine", ...inputs.flatMap((path) => ["-i", path]), "-o", join(dir, "dictionary.yaml"));

  const summaries = [1, 2].map((seed) => {
    const config = join(dir, `hum-${seed}.yaml`);
    const summary = join(dir, `summary-${seed}.json`);
    writeFileSync(
      config,
      JSON.stringify({
        inputs,
        out: join(dir, `out-${seed}.jsonl`),
        summary,
        dictionary: join(dir, "dictionary.yaml"),
        compound_ratio: 0.45,
        seed,
      }),
    );
    hum("synth", "--config", config);
    return JSON.parse(readFileSync(summary, "utf8"));
  });

  // Two seeds are two samplings of the same slices: together well over 10,000 instructions.
  const total = summaries.reduce((sum, s) => sum + s.instructions.total, 0);
  assert.ok(total >= 10_000, `${total} instructions`);
  for (const { mix, instructions } of summaries) {
    assert.ok(instructions.total > 5_000);
    assert.ok(Math.abs(mix.compound.achieved - 0.45) <= 0.01, `compound ${mix.compound.achieved}`);
    for (const [strategy, share] of Object.entries(mix.strategies) as Array<
      [string, { achieved: number; target: number }]
    >)
      assert.ok(
        Math.abs(share.achieved - share.target) <= 0.01,
        `${strategy} ${share.achieved} vs ${share.target}`,
      );
  }
});
