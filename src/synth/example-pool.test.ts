import assert from "node:assert/strict";
import { test } from "node:test";
import { generateCorpus } from "../../test/support/generated-records.ts";
import { labelsOf } from "../dictionary/index.ts";
import { examplePoolFrom, examplePoolOf } from "./example-pool.ts";

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
