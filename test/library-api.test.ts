import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
// Imported by the package's name, as a user's program would: this resolves through package.json "exports".
import * as hum from "hum";

const root = new URL("..", import.meta.url).pathname;

test("the package's public surface is exactly the documented one", () => {
  assert.deepEqual(Object.keys(hum).sort(), [
    "CanonicalRecord",
    "GENERAL_DATASETS",
    "READERS",
    "RECORD_KINDS",
    "TARGET_NAMES",
    "TASKS",
    "TOKENIZER_NAMES",
    "buildEvalSets",
    "chooseReader",
    "createLlmClient",
    "exportBatchFile",
    "exportCorpus",
    "formatExportSummary",
    "formatReportTable",
    "importBatchResults",
    "llamaFactoryConfig",
    "loadTokenCounter",
    "openCompassConfig",
    "parseOutput",
    "readDataset",
    "runEval",
    "scorePredictions",
    "synthesizeCorpus",
    "validateRecord",
  ]);
});

test("a program reads a dataset, synthesises and exports through the package", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hum-library-"));
  const dataset = join(root, "examples/data/entities.jsonl");

  let records = 0;
  for await (const item of hum.readDataset(dataset)) if (item.ok) records++;
  assert.ok(records > 0);

  const instructions = join(dir, "instructions.jsonl");
  const synth = await hum.synthesizeCorpus({
    inputs: [{ path: dataset }],
    out: instructions,
    compoundRatio: 0,
  });
  assert.equal(synth.records.accepted, records);

  const summary = await hum.exportCorpus({
    input: instructions,
    out: join(dir, "export"),
    targets: ["openai"],
    split: "train=1",
  });
  assert.equal(summary.instructions.kept, synth.instructions.total);
  const lines = readFileSync(join(dir, "export/openai/train.jsonl"), "utf8").trim().split("\n");
  assert.equal(lines.length, synth.instructions.total);
});
