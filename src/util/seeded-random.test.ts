import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { SeededRandom, stableId } from "./seeded-random.ts";

test("the same keys give the same draws", () => {
  const a = new SeededRandom(7, "conll04", "r1", "negatives");
  const b = new SeededRandom(7, "conll04", "r1", "negatives");
  const items = Array.from({ length: 20 }, (_, i) => i);
  assert.deepEqual(a.shuffle(items), b.shuffle(items));
  assert.equal(a.binomial(50, 0.3), b.binomial(50, 0.3));
});

test("other keys give other draws", () => {
  const items = Array.from({ length: 20 }, (_, i) => i);
  const a = new SeededRandom(7, "r1").shuffle(items);
  const b = new SeededRandom(8, "r1").shuffle(items);
  assert.notDeepEqual(a, b);
});

test("sample draws distinct items and shuffle keeps them all", () => {
  const random = new SeededRandom("x");
  const items = ["a", "b", "c", "d", "e"];
  const sample = random.sample(items, 3);
  assert.equal(new Set(sample).size, 3);
  assert.deepEqual(random.shuffle(items).sort(), items);
  assert.equal(random.sample(items, 9).length, 5);
});

test("binomial with p = 1 is every trial; p = 0 none; mean near n·p", () => {
  const random = new SeededRandom("binomial");
  assert.equal(random.binomial(12, 1), 12);
  assert.equal(random.binomial(12, 0), 0);
  let total = 0;
  for (let i = 0; i < 2000; i++) total += random.binomial(10, 0.3);
  assert.ok(Math.abs(total / 2000 - 3) < 0.15);
});

test("stableId is 16 hex characters and depends on every key", () => {
  assert.match(stableId("a", 1), /^[0-9a-f]{16}$/);
  assert.equal(stableId("a", 1), stableId("a", 1));
  assert.notEqual(stableId("a", 1), stableId("a", 2));
});

test("draws and ids are pinned: output bytes depend on them", () => {
  const random = new SeededRandom(7, "conll04", "r1", "negatives");
  assert.equal(stableId(42, "src", "id:1", "NER", 0, "basic"), "d89cb41ce06dd2b0");
  assert.equal(stableId("x"), "2d711642b726b044");
  assert.equal(random.int(0, 1000), 133);
  assert.equal(random.float(), 0.3123314508702606);
  assert.deepEqual(random.shuffle([1, 2, 3, 4, 5, 6]), [1, 5, 2, 6, 3, 4]);
  assert.equal(new SeededRandom("neg", -3).int(-5, 5), 2);
});

test("stableId hashes the keys joined by NUL, as Array.join writes them", () => {
  const cases: Array<Array<string | number>> = [
    [],
    [""],
    [7],
    [0, "a", "", 3.5, "北京 😀"],
    ["x", -1, "\u0000"],
  ];
  for (const keys of cases) {
    const joined = createHash("sha256").update(keys.join("\u0000")).digest("hex").slice(0, 16);
    assert.equal(stableId(...keys), joined, JSON.stringify(keys));
  }
  // A key missing at run time (typed away) is empty text, as join makes it.
  const missing = [1, undefined, "b"] as unknown as Array<string | number>;
  assert.equal(
    stableId(...missing),
    createHash("sha256").update("1\u0000\u0000b").digest("hex").slice(0, 16),
  );
});
