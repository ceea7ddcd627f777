import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SeenKeys } from "./seen-keys.ts";

describe("SeenKeys", () => {
  it("tells a key seen before from a new one, across growths of its table and tables kept full", () => {
    const seen = new SeenKeys();
    for (let i = 0; i < 250_000; i++) assert.equal(seen.add(`crossner\u0000B\u0000record ${i}`), true);
    for (let i = 0; i < 250_000; i += 37) assert.equal(seen.add(`crossner\u0000B\u0000record ${i}`), false);
    assert.equal(seen.add("crossner\u0000C\u0000record 0"), true);
    assert.equal(seen.add(""), true);
    assert.equal(seen.add(""), false);
  });
});
