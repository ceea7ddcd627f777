import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { SeededRandom } from "../util/seeded-random.ts";
import { drawNegatives, orderLabels, splitIntoChunks } from "./schema-chunks.ts";

const labels = (n: number) => Array.from({ length: n }, (_, i) => `l${String(i).padStart(2, "0")}`);
const sizes = (chunks: string[][]) => chunks.map((c) => c.length);

test("full chunks first; a large remainder is its own chunk, a small one joins the last", () => {
  assert.deepEqual(sizes(splitIntoChunks(labels(13), 6)), [6, 7]); // remainder 1 < 3
  assert.deepEqual(sizes(splitIntoChunks(labels(15), 6)), [6, 6, 3]); // remainder 3 >= 3
  assert.deepEqual(sizes(splitIntoChunks(labels(9), 4)), [4, 5]); // remainder 1 < 2
  assert.deepEqual(sizes(splitIntoChunks(labels(10), 4)), [4, 4, 2]);
  assert.deepEqual(sizes(splitIntoChunks(labels(3), 1)), [1, 1, 1]);
  assert.deepEqual(sizes(splitIntoChunks(labels(5), 6)), [5]);
  assert.deepEqual(splitIntoChunks([], 4), []);
});

test("chunks keep every label once, in order", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 8 }), (count, size) => {
      const all = labels(count);
      const chunks = splitIntoChunks(all, size);
      assert.deepEqual(chunks.flat(), all);
      for (const chunk of chunks)
        assert.ok(chunk.length >= 1 && chunk.length < size + Math.max(1, Math.floor(size / 2)));
    }),
  );
});

test("p = 1 asks every absent label", () => {
  const random = new SeededRandom(1);
  const negatives = drawNegatives({ universe: labels(10), positives: ["l03"], ratio: 1, random });
  assert.deepEqual(
    negatives.sort(),
    labels(10).filter((l) => l !== "l03"),
  );
});

test("p = 0 asks no negative, unless the record has no positive", () => {
  const random = new SeededRandom(1);
  assert.deepEqual(drawNegatives({ universe: labels(10), positives: ["l03"], ratio: 0, random }), []);
  assert.equal(drawNegatives({ universe: labels(10), positives: [], ratio: 0, random }).length, 1);
});

test("negatives are absent labels, distinct, at most all of them", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 30 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.nat(),
      (n, p, seed) => {
        const universe = labels(n);
        const positives = universe.filter((_, i) => i % 3 === 0);
        const negatives = drawNegatives({ universe, positives, ratio: p, random: new SeededRandom(seed) });
        assert.equal(new Set(negatives).size, negatives.length);
        for (const label of negatives) assert.ok(!positives.includes(label) && universe.includes(label));
      },
    ),
  );
});

test("hard negatives are asked first", () => {
  const negatives = drawNegatives({
    universe: labels(20),
    positives: ["l00"],
    ratio: 0.05,
    random: new SeededRandom(3),
    hardNegatives: { l00: ["l17", "l00", "l18"] },
  });
  assert.ok(negatives.length >= 1);
  assert.equal(negatives[0], "l17");
});

test("sorted order is code-point order; shuffled order is seeded", () => {
  assert.deepEqual(orderLabels(["b", "B", "a"], "sorted", new SeededRandom(1)), ["B", "a", "b"]);
  const a = orderLabels(labels(12), "shuffled", new SeededRandom(5, "r"));
  const b = orderLabels(labels(12), "shuffled", new SeededRandom(5, "r"));
  assert.deepEqual(a, b);
});

test("sorted order picked out of the universe is the sort, whatever the universe holds (property)", () => {
  const label = fc.constantFrom("a", "B", "b", "é", "10", "9", "中", "\u{1F600}", "\uFF21", "x y");
  fc.assert(
    fc.property(fc.array(label, { maxLength: 8 }), fc.array(label, { maxLength: 8 }), (universe, asked) => {
      const random = new SeededRandom(1, "s");
      const expected = orderLabels(asked, "sorted", random);
      assert.deepEqual(orderLabels(asked, "sorted", random, universe), expected);
      const sortedUniverse = orderLabels([...new Set(universe)], "sorted", random);
      assert.deepEqual(orderLabels(asked, "sorted", random, sortedUniverse), expected);
    }),
    { numRuns: 2000 },
  );
});
