import assert from "node:assert/strict";
import { test } from "node:test";
import type { RenderRequest } from "./batch-renderer.ts";
import type { LineBatch, ScannedBatch } from "./line-batch.ts";
import { rendersHere, WorkerPool } from "./worker-pool.ts";

const options = { seed: 1, negativeRatio: 0, schemaOrder: "sorted" as const };

function scan(firstLine: number, lines: string[], input = 0): RenderRequest {
  const batch: LineBatch = {
    input,
    file: "mem.jsonl",
    firstLine,
    bytes: Buffer.from(`${lines.join("\n")}\n`),
  };
  return { type: "scan-lines", batch };
}

const record = (n: number) =>
  JSON.stringify({
    kind: "entities",
    source: "s",
    lang: "en",
    text: `Ann ${n}`,
    entities: [{ text: "Ann", type: `label${n}`, start: 0, end: 3 }],
  });

test("this thread and the workers answer every request, each with its own batch", async () => {
  const pool = new WorkerPool(3, { options });
  try {
    await pool.tellAll({ type: "inputs", inputs: [{}] });
    await pool.started();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) => pool.ask<ScannedBatch>(scan(n + 1, [record(n)]))),
    );
    answers.forEach((answer, n) => {
      assert.equal(answer.items, 1);
      assert.deepEqual(answer.sources.s?.entities, [`label${n}`], `request ${n}`);
    });
  } finally {
    await pool.close();
  }
});

for (const started of [false, true])
  test(`a request that fails rejects, and so does every later one${started ? ", with the worker up" : ""}`, async () => {
    const pool = new WorkerPool(2, { options });
    try {
      await pool.tellAll({ type: "inputs", inputs: [{}] });
      if (started) await pool.started();
      // Input 7 was never told: reading its batch throws, on this thread or in the worker.
      const asked = Array.from({ length: 8 }, (_, n) => pool.ask(scan(n + 1, [record(n)], 7)));
      for (const answer of asked) await assert.rejects(answer);
      await assert.rejects(pool.ask(scan(1, [record(1)])));
    } finally {
      await pool.close();
    }
  });

test("a thread busy with its own work renders only what the workers fall behind on", () => {
  // Idle: whoever has less waiting takes it.
  assert.equal(rendersHere(0, 1, false), true);
  assert.equal(rendersHere(1, 1, false), false);
  // Busy (compound synthesis decides here): the worker is kept supplied first.
  for (const waiting of [0, 1, 2, 3]) assert.equal(rendersHere(0, waiting, true), false, `${waiting}`);
  assert.equal(rendersHere(0, 4, true), true);
  assert.equal(rendersHere(1, 9, true), false);
});
