import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { SeenKeys } from "./seen-keys.ts";

const key = (i: number) => `crossner\u0000B\u0000record ${i}`;

describe("SeenKeys", () => {
  // Keys are spilled under TMPDIR: a folder of the test's own shows what is left behind.
  let folder: string;
  let before: string | undefined;
  beforeEach(() => {
    before = process.env.TMPDIR;
    folder = mkdtempSync(join(tmpdir(), "seen-keys-test-"));
    process.env.TMPDIR = folder;
  });
  afterEach(() => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(folder, { recursive: true, force: true });
  });

  it("tells a key still in its table again at once, a new key from one seen", () => {
    const seen = new SeenKeys();
    for (let i = 0; i < 50_000; i++) assert.equal(seen.add(key(i), i), true);
    for (let i = 0; i < 50_000; i += 37) assert.equal(seen.add(key(i), 50_000 + i), false);
    assert.equal(seen.add("crossner\u0000C\u0000record 0", 60_000), true);
    assert.equal(seen.add("", 60_001), true);
    assert.equal(seen.add("", 60_002), false);
    assert.equal(seen.finish(), undefined);
    assert.deepEqual(readdirSync(folder), [], "nothing was spilled");
  });

  it("finds no repeat among keys spilled many times over, and removes their file", () => {
    const seen = new SeenKeys(16);
    for (let i = 0; i < 5_000; i++) assert.equal(seen.add(key(i), i), true);
    assert.equal(readdirSync(folder).length, 1, "keys were spilled");
    assert.equal(seen.finish(), undefined);
    assert.deepEqual(readdirSync(folder), []);
  });

  it("finds the earliest repeat of a spilled key once all are added", () => {
    // 3,072 keys a spill: the first 3,072 are on disk when they come again, 2,000 repeats in one spill,
    // several in each group, so the earliest is not the first read back.
    const seen = new SeenKeys(4096);
    for (let i = 0; i < 10_000; i++) seen.add(key(i), i);
    for (let i = 0; i < 2_000; i++)
      assert.equal(seen.add(key(i), 10_000 + i), true, "its first use is on disk");
    assert.deepEqual(seen.finish(), { first: 0, again: 10_000 });
    assert.deepEqual(readdirSync(folder), []);
  });

  it("close removes the spilled keys of one given up before finish", () => {
    const seen = new SeenKeys(16);
    for (let i = 0; i < 100; i++) seen.add(key(i), i);
    seen.close();
    seen.close();
    assert.deepEqual(readdirSync(folder), []);
  });
});
