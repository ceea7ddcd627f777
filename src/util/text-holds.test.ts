import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { holdsValue } from "./text-holds.ts";

/** The definition, as one regular expression per value (what holdsValue computes without compiling one). */
function holdsByRegex(text: string, value: string): boolean {
  if (value.length < 2 || !text.includes(value)) return false;
  if (/\p{Script=Han}/u.test(value)) return true;
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(text);
}

test("holdsValue finds whole-word mentions in Latin script and any mention in Chinese", () => {
  assert.equal(holdsValue("The US and the USA", "US"), true);
  assert.equal(holdsValue("USA only", "US"), false);
  assert.equal(holdsValue("in 2019, then 20190", "2019"), true);
  assert.equal(holdsValue("x2019", "2019"), false);
  assert.equal(holdsValue("Café Paris", "Caf"), false);
  assert.equal(holdsValue("(Paris)", "Paris"), true);
  assert.equal(holdsValue("位于北京市", "北京"), true);
  assert.equal(holdsValue("a", "a"), false);
  // A letter beyond U+FFFF (a surrogate pair) next to the value is a letter too.
  assert.equal(holdsValue("\u{1D400}Paris", "Paris"), false);
  assert.equal(holdsValue("\u{1F600}Paris", "Paris"), true);
});

test("holdsValue agrees with its regular-expression definition (property)", () => {
  const unit = fc.constantFrom(
    "a",
    "B",
    "é",
    "1",
    " ",
    ".",
    "(",
    "北",
    "\u{1D400}",
    "\u{1F600}",
    "\uD835",
    "\uDC00",
    "_",
  );
  const text = fc.array(unit, { maxLength: 14 }).map((parts) => parts.join(""));
  fc.assert(
    fc.property(text, fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 6 }), (t, start, length) => {
      const value = t.slice(start, start + length);
      assert.equal(holdsValue(t, value), holdsByRegex(t, value), JSON.stringify({ t, value }));
    }),
    { numRuns: 5000 },
  );
});
