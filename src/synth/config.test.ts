import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  basicOptionsFrom,
  compoundOptionsFrom,
  DEFAULT_GUIDELINES,
  loadSynthConfig,
  mergeSettings,
  PAPER_COMPOUND_RATIO,
  settingsFromFlags,
} from "./config.ts";

function withConfig(yaml: string, check: (path: string) => Promise<void> | void) {
  const dir = mkdtempSync(join(tmpdir(), "hum-config-"));
  const path = join(dir, "hum.yaml");
  writeFileSync(path, yaml);
  return Promise.resolve(check(path)).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test("flags win over the file, key by key; a flag's guideline setting leaves the file's others", () =>
  withConfig(
    "seed: 7\nneg_ratio: 0.5\ncompound_ratio: 0.3\nout: corpus.jsonl\nguidelines:\n  mask_rate: 0.2\n  reviewed_only: false\n",
    async (path) => {
      const settings = mergeSettings(
        loadSynthConfig(path),
        settingsFromFlags({ compoundRatio: 0, reviewedOnly: true, out: "flag.jsonl" }),
      );
      assert.equal(settings.out, "flag.jsonl");
      assert.equal(settings.seed, 7);
      assert.deepEqual(basicOptionsFrom(settings), {
        seed: 7,
        negativeRatio: 0.5,
        schemaOrder: "sorted",
        hardNegatives: undefined,
      });
      const options = await compoundOptionsFrom(settings);
      assert.equal(options.ratio, 0);
      assert.deepEqual(options.guidelines, { ...DEFAULT_GUIDELINES, maskRate: 0.2, reviewedOnly: true });
    },
  ));

test("without file or flags the defaults are the paper's", async () => {
  const settings = mergeSettings({}, settingsFromFlags({}));
  assert.deepEqual(basicOptionsFrom(settings), {
    seed: 42,
    negativeRatio: 1,
    schemaOrder: "sorted",
    hardNegatives: undefined,
  });
  const options = await compoundOptionsFrom(settings);
  assert.equal(options.ratio, PAPER_COMPOUND_RATIO);
  assert.deepEqual(options.guidelines, DEFAULT_GUIDELINES);
});

test("a wrong file value names the file and the key; a wrong flag value names the setting", async () => {
  await withConfig("guidelines:\n  mask_rate: 2\n", (path) =>
    assert.throws(
      () => loadSynthConfig(path),
      (error: Error) => error.message.startsWith(`${path}: guidelines.mask_rate:`),
    ),
  );
  assert.throws(() => settingsFromFlags({ compoundRatio: 1.5 }), /setting compound_ratio:/);
});
