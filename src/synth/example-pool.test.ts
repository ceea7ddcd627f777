import assert from "node:assert/strict";
import { test } from "node:test";
import { generateCorpus } from "../../test/support/generated-records.ts";
import { labelsOf } from "../dictionary/index.ts";
import { ExamplePoolMiner, examplePoolFrom, examplePoolOf } from "./example-pool.ts";

test("a pool sent to another thread as its snapshot answers every question the same", () => {
  const { records } = generateCorpus(120, 9);
  const pool = examplePoolOf(records, 9);
  const snapshot = pool.snapshot?.();
  assert.ok(snapshot, "a mined pool has a snapshot");
  // What postMessage does to it: records shared between answers stay shared.
  const copy = examplePoolFrom(structuredClone(snapshot));
  let asked = 0;
  const sources = new Map<string, Set<string>>();
  for (const record of records)
    for (const label of ["absent", ...labelsOf(record)])
      sources.set(record.source, (sources.get(record.source) ?? new Set()).add(label));
  for (const [source, labels] of sources) {
    assert.deepEqual(copy.negatives(source), pool.negatives(source));
    assert.deepEqual(copy.records(source), pool.records(source));
    for (const label of labels) {
      assert.deepEqual(copy.positives(source, label), pool.positives(source, label));
      assert.deepEqual(copy.values(source, label), pool.values(source, label));
      asked += pool.positives(source, label).length;
    }
  }
  assert.ok(asked > 20, `${asked} positives compared`);
  assert.deepEqual(copy.positives("no such source", "x"), []);
});

test("parts of a corpus mined apart and merged, in either order, give the pool of the whole", () => {
  const { records } = generateCorpus(150, 4);
  // Duplicated texts meet in different parts: the merge must keep the same one of each.
  const corpus = [...records, ...records.slice(0, 30)];
  const whole = new ExamplePoolMiner(4);
  for (const record of corpus) whole.add(record);
  const parts = [corpus.slice(0, 70), corpus.slice(70, 71), corpus.slice(71)].map((part) => {
    const miner = new ExamplePoolMiner(4);
    for (const record of part) miner.add(record);
    return structuredClone(miner.samples());
  });
  for (const order of [parts, [...parts].reverse()]) {
    const merged = new ExamplePoolMiner(4);
    for (const samples of order) merged.take(samples);
    assert.deepEqual(merged.result().snapshot?.(), whole.result().snapshot?.());
  }
});
