import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { accuracy, prf } from "./metrics.ts";
import { pythonRound2 } from "./python-round.ts";
import { matchTuples } from "./tuple-matching.ts";

describe("pythonRound2", () => {
  it("rounds exact halves to even, as Python's round(x, 2) does", () => {
    assert.equal(pythonRound2(0.125), 0.12);
    assert.equal(pythonRound2(0.375), 0.38);
    assert.equal(pythonRound2(66.625), 66.62);
    assert.equal(pythonRound2(-0.125), -0.12);
  });

  it("rounds the exact binary value otherwise (2.675 is stored below the half)", () => {
    assert.equal(pythonRound2(2.675), 2.67);
    assert.equal(pythonRound2(66.66666666666667), 66.67);
    assert.equal(pythonRound2((1 / 3) * 100), 33.33);
  });
});

describe("prf", () => {
  it("iepile: F1 from the rounded P and R", () => {
    // P = 2/3 → 66.67, R = 1/3 → 33.33; round(2 * 66.67 * 33.33 / 100, 2) = 44.44
    assert.deepEqual(prf({ correct: 2, predicted: 3, gold: 6 }, true), {
      precision: 66.67,
      recall: 33.33,
      f1: 44.44,
    });
  });

  it("default: F1 from the unrounded P and R", () => {
    assert.deepEqual(prf({ correct: 2, predicted: 3, gold: 6 }, false), {
      precision: 66.67,
      recall: 33.33,
      f1: 44.44,
    });
    assert.deepEqual(prf({ correct: 1, predicted: 3, gold: 7 }, false), {
      precision: 33.33,
      recall: 14.29,
      f1: 20,
    });
  });

  it("tells IEPile's rounding from the default: correct 1, predicted 1, gold 6", () => {
    // IEPile: P = 100, R = round(16.666…, 2) = 16.67, F1 = round(2 · 100 · 16.67 / 116.67, 2) = 28.58;
    // the default takes F1 from the exact 100 and 16.666…: 2/7 = 28.57.
    assert.equal(prf({ correct: 1, predicted: 1, gold: 6 }, true).f1, 28.58);
    assert.equal(prf({ correct: 1, predicted: 1, gold: 6 }, false).f1, 28.57);
  });

  it("is zero, not NaN, with nothing predicted or nothing gold", () => {
    assert.deepEqual(prf({ correct: 0, predicted: 0, gold: 4 }, true), { precision: 0, recall: 0, f1: 0 });
    assert.deepEqual(prf({ correct: 0, predicted: 2, gold: 0 }, false), { precision: 0, recall: 0, f1: 0 });
    assert.equal(accuracy(0, 0), 0);
  });
});

describe("matchTuples", () => {
  it("multiset: a repeated correct prediction is one hit and one false positive", () => {
    assert.deepEqual(matchTuples(["a"], ["a", "a"], "multiset"), { predicted: 2, gold: 1, correct: 1 });
  });

  it("set: repeats collapse", () => {
    assert.deepEqual(matchTuples(["a"], ["a", "a"], "set"), { predicted: 1, gold: 1, correct: 1 });
  });

  it("multiset: repeated gold tuples need repeated predictions", () => {
    assert.deepEqual(matchTuples(["a", "a"], ["a"], "multiset"), { predicted: 1, gold: 2, correct: 1 });
  });
});
