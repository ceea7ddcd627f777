import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import { alpacaReader } from "./alpaca.ts";

test("alpaca JSON array → chat records; empty input dropped, empty output rejected, lang from text", async () => {
  const { records, rejections } = await readAll(alpacaReader.read(fixture("alpaca.json"), {}));
  assert.deepEqual(
    records.map((r) => r.kind === "chat" && [r.instruction, r.input, r.output, r.lang]),
    [
      ["Give three tips for staying healthy.", undefined, "Eat well, sleep, move.", "en"],
      ["把这句话翻译成英文。", "你好", "Hello", "zh"],
    ],
  );
  assert.equal(rejections.length, 1);
  assert.equal(rejections[0].location.line, 3);
  assert.match(rejections[0].reason, /^schema: output/);
});

test("seed tasks: one chat record per instance", async () => {
  const { records } = await readAll(alpacaReader.read(fixture("seed-tasks.jsonl"), {}));
  assert.deepEqual(
    records.map((r) => r.id),
    ["seed_task_0#0", "seed_task_1#0", "seed_task_1#1"],
  );
  assert.equal(records[0].source, "alpaca_seed_tasks");
});

test("malformed JSON array → one rejection", async () => {
  const { records, rejections } = await readAll(alpacaReader.read(fixture("alpaca-malformed.json"), {}));
  assert.equal(records.length, 0);
  assert.match(rejections[0].reason, /^invalid JSON/);
});
