import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { Quota } from "./quota.ts";

test("a quota's yeses stay within one item of target · n at every point", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { maxLength: 500 }),
      (target, draws) => {
        const quota = new Quota(target);
        for (const [index, u] of draws.entries()) {
          quota.decide(u);
          assert.ok(Math.abs(quota.granted - target * (index + 1)) <= 1 + 1e-9);
        }
      },
    ),
  );
});
