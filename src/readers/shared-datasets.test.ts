import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { readAll } from "../../test/support/read-all.ts";
import { spanProblems } from "../records/index.ts";
import { readDataset } from "./index.ts";

/** The shared dataset slices, in the `shared` folder beside the repository. */
const DATASETS = new URL("../../../shared/datasets/", import.meta.url).pathname;

/**
 * Path(s) under the datasets folder and the number of items (records plus rejections) read from them.
 * Pair-per-line formats (ADE, SciERC relations) give one record per sentence, not per line.
 */
const SLICES: { name: string; paths: string[]; count: number; unit?: "location" }[] = [
  {
    name: "crossner",
    paths: ["ai", "literature", "music", "politics", "science"].map((d) => `crossner/${d}/dev.txt`),
    count: 500,
  },
  { name: "fewrel", paths: ["fewrel/val_wiki.json"], count: 400 },
  { name: "c3", paths: ["c3/c3-d-dev.json", "c3/c3-m-dev.json"], count: 455 },
  { name: "imdb", paths: ["imdb/aclImdb"], count: 300 },
  { name: "fewfc", paths: ["fewfc/dev_base.json"], count: 300 },
  { name: "mit_movie", paths: ["mit_movie/trivia10k13test.bio"], count: 300 },
  { name: "casie", paths: ["casie/annotation"], count: 50 },
  { name: "phee", paths: ["phee/dev.json"], count: 300 },
  // Two records (relations, entities) per sentence: count sentences by their location.
  { name: "conll04", paths: ["conll04/dev.txt"], count: 100, unit: "location" },
  // 300 relation lines are 123 sentences; plus 100 NER sentences.
  { name: "scierc", paths: ["scierc/relation/dev.txt", "scierc/ner/dev.txt"], count: 223 },
  // 300 drug–effect lines are 212 sentences.
  { name: "ade", paths: ["ade/DRUG-AE.rel"], count: 212 },
  { name: "cmrc2018", paths: ["cmrc2018/cmrc2018_dev.json"], count: 301 },
  { name: "chnsenticorp", paths: ["chnsenticorp/dev.tsv"], count: 300 },
  { name: "alpaca_seed_tasks", paths: ["alpaca_seed_tasks/seed_tasks.jsonl"], count: 175 },
];

/**
 * The most a slice may reject: a reader that rejects everything (or much of a clean slice) fails here
 * rather than shipping a thin corpus. CASIE rejects one article whose annotation is broken.
 */
const MAX_REJECTION_RATE = 0.05;

for (const slice of SLICES) {
  test(`shared dataset ${slice.name}: ${slice.count} records, converted or rejected with a reason`, async (t) => {
    if (!existsSync(DATASETS)) {
      t.skip("../shared/datasets not found");
      return;
    }
    let counted = 0;
    let rejected = 0;
    for (const path of slice.paths) {
      const { records, rejections, items } = await readAll(readDataset(DATASETS + path));
      counted +=
        slice.unit === "location"
          ? new Set(items.map((i) => `${i.location.file}:${i.location.line}`)).size
          : items.length;
      rejected += rejections.length;
      for (const rejection of rejections)
        assert.ok(rejection.reason.length > 0 && rejection.location.line > 0);
      for (const record of records) assert.deepEqual(spanProblems(record), []);
      if (rejections.length > 0)
        t.diagnostic(
          `${path}: ${rejections.map((r) => `${r.location.file}:${r.location.line} ${r.reason.slice(0, 120)}`).join(" | ")}`,
        );
    }
    assert.equal(counted, slice.count);
    assert.ok(
      rejected <= MAX_REJECTION_RATE * slice.count,
      `${slice.name}: ${rejected} of ${slice.count} rejected, more than ${MAX_REJECTION_RATE * 100} %`,
    );
  });
}
