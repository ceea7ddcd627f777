import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KeyFilter } from "./key-filter.ts";

const key = (i: number) => `crossner\u0000B\u0000record ${i}`;

describe("KeyFilter", () => {
  it("always says a key added before was seen, within its size and far past it", () => {
    for (const expected of [200_000, 5_000]) {
      const filter = new KeyFilter(expected);
      for (let i = 0; i < 200_000; i++) filter.add(key(i));
      for (let i = 0; i < 200_000; i++) assert.equal(filter.add(key(i)), false, `${expected}: ${key(i)}`);
    }
  });

  it("holds no memory once released", () => {
    const filter = new KeyFilter(1_000);
    for (let i = 0; i < 5_000; i++) filter.add(key(i));
    assert.ok(filter.bytes > 0);
    filter.release();
    assert.equal(filter.bytes, 0);
  });

  it("takes few new keys for seen ones, keeps about 2 bytes a key, and is the same on every run", () => {
    const candidates = (filter: KeyFilter) => {
      const found: number[] = [];
      for (let i = 0; i < 200_000; i++) if (!filter.add(key(i))) found.push(i);
      return found;
    };
    const one = new KeyFilter(200_000);
    const falsePositives = candidates(one);
    assert.ok(falsePositives.length < 200, `${falsePositives.length} false positives in 200,000`);
    assert.equal(one.bytes, 400_000);
    assert.deepEqual(candidates(new KeyFilter(200_000)), falsePositives);
    // Sized too small, it adds stages twice as large: more memory, still a low rate.
    const small = new KeyFilter(10_000);
    assert.ok(candidates(small).length < 1000);
    // 64-byte blocks of 32 keys each: 2 bytes a key, rounded up to a block.
    const stages = [10_000, 20_000, 40_000, 80_000, 160_000];
    assert.equal(
      small.bytes,
      stages.reduce((bytes, keys) => bytes + 64 * Math.ceil(keys / 32), 0),
    );
  });
});
