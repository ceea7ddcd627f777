import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ScoreTuple } from "../tasks/index.ts";
import { countTuples, type MatchCounts, matchTuples, tupleKey } from "./tuple-matching.ts";

describe("tupleKey", () => {
  it("is equal exactly when the tuples are, whatever the elements hold", () => {
    const tuples: ScoreTuple[] = [
      ["a", "b"],
      ["a\u0000b"],
      ["a", "", "b"],
      ["a\u0000", "b"],
      ["a", "\u0000b"],
      ["a\u00010", "b"],
      ["a\u0001", "0b"],
      ["a"],
      ["a", ""],
      [""],
      [],
    ];
    for (const x of tuples)
      for (const y of tuples)
        assert.equal(tupleKey(x, false) === tupleKey(y, false), x === y, `${JSON.stringify([x, y])}`);
  });

  it("folds case and whitespace under normalize", () => {
    assert.equal(tupleKey(["Person", "New  York"], true), tupleKey(["person", "newyork"], true));
  });
});

describe("countTuples", () => {
  const gold: ScoreTuple[] = [
    ["person", "Ada"],
    ["person", "Ada"],
    ["place", "Paris"],
    ["person", "Alan"],
  ];
  const predicted: ScoreTuple[] = [
    ["person", "Ada"],
    ["person", "Ada"],
    ["person", "Ada"],
    ["place", "paris"],
    ["award", "Turing"],
  ];
  const keys = (tuples: ScoreTuple[]) => tuples.map((t) => JSON.stringify(t));

  it("counts as matchTuples on the tuples' keys, in both matchings", () => {
    for (const matching of ["set", "multiset"] as const)
      assert.deepEqual(
        countTuples(gold, predicted, matching, false),
        matchTuples(keys(gold), keys(predicted), matching),
      );
  });

  it("counts each label's tuples as if matched apart", () => {
    for (const matching of ["set", "multiset"] as const) {
      const into = new Map<string, MatchCounts>();
      countTuples(gold, predicted, matching, false, { labelOf: (t) => t[0], into });
      for (const label of ["person", "place", "award"]) {
        const pick = (tuples: ScoreTuple[]) => keys(tuples.filter((t) => t[0] === label));
        assert.deepEqual(into.get(label), matchTuples(pick(gold), pick(predicted), matching), label);
      }
      assert.equal(into.size, 3);
    }
  });

  it("counts a large record (keyed, not pairwise) as a small one", () => {
    const many = (tuples: ScoreTuple[]) => tuples.flatMap((t, i) => [t, [`${t[0]}`, `${t[1]}-${i}`]]);
    const big = [many(gold), many(many(predicted))];
    assert.ok(big[0].length + big[1].length > 24);
    for (const matching of ["set", "multiset"] as const) {
      const into = new Map<string, MatchCounts>();
      const counts = countTuples(big[0], big[1], matching, false, { labelOf: (t) => t[0], into });
      assert.deepEqual(counts, matchTuples(keys(big[0]), keys(big[1]), matching));
      for (const [label, perLabel] of into) {
        const pick = (tuples: ScoreTuple[]) => keys(tuples.filter((t) => t[0] === label));
        assert.deepEqual(perLabel, matchTuples(pick(big[0]), pick(big[1]), matching), label);
      }
    }
  });

  it("matches folded tuples under normalize", () => {
    assert.deepEqual(countTuples(gold, predicted, "set", true), { gold: 3, predicted: 3, correct: 2 });
  });
});
