import assert from "node:assert/strict";
import { test } from "node:test";
import { lookup } from "./lookup.ts";

const REGISTRY = [{ name: "alpha" }, { name: "beta" }];

test("lookup finds an entry by name", () => {
  assert.equal(lookup(REGISTRY, "beta", "thing"), REGISTRY[1]);
});

test("an unknown name throws the given error listing every known name", () => {
  class UsageProblem extends Error {}
  assert.throws(
    () => lookup(REGISTRY, "gamma", "thing"),
    /^Error: unknown thing "gamma"; known things: alpha, beta$/,
  );
  assert.throws(
    () => lookup(REGISTRY, "gamma", { one: "entry", many: "entries", error: UsageProblem }),
    (error: unknown) =>
      error instanceof UsageProblem && error.message === 'unknown entry "gamma"; known entries: alpha, beta',
  );
});
