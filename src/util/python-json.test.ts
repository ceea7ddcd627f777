import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { pythonJson } from "./python-json.ts";

test("separators and unescaped non-ASCII match Python's json.dumps", () => {
  assert.equal(
    pythonJson({ person: [], award: ["Turing Award"], 地点: ["北京"] }),
    '{"person": [], "award": ["Turing Award"], "地点": ["北京"]}',
  );
  assert.equal(pythonJson([{ a: 1 }, { b: "x\ny, z" }]), '[{"a": 1}, {"b": "x\\ny, z"}]');
  assert.equal(pythonJson({}), "{}");
  assert.equal(pythonJson("tab\there"), '"tab\\there"');
});

test("output parses back to the same value", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      assert.deepEqual(JSON.parse(pythonJson(value)), JSON.parse(JSON.stringify(value)));
    }),
  );
});

test("no raw newline survives and strings keep their commas", () => {
  fc.assert(
    fc.property(fc.array(fc.string()), (strings) => {
      const text = pythonJson({ values: strings });
      assert.ok(!text.includes("\n"));
      assert.deepEqual(JSON.parse(text).values, strings);
    }),
  );
});

test("integer-like keys keep their intended place; sorting is by code point", async () => {
  const { withKeyOrder, compareCodePoints } = await import("./key-order.ts");
  const object = withKeyOrder({ person: [], "2019": ["2019"], "9": [] }, ["person", "2019", "9"]);
  assert.equal(pythonJson(object), '{"person": [], "2019": ["2019"], "9": []}');
  assert.equal(JSON.stringify(object), '{"9":[],"2019":["2019"],"person":[]}');
  // UTF-16 order puts the emoji (a surrogate pair, 0xD83C…) before the full-width letter (0xFF23).
  assert.deepEqual(["🎬 venue", "ＣＯＭＰＡＮＹ", "9", "2019"].sort(compareCodePoints), [
    "2019",
    "9",
    "ＣＯＭＰＡＮＹ",
    "🎬 venue",
  ]);
});

test("code-point order agrees with comparing whole code points, surrogates and all", async () => {
  const { compareCodePoints } = await import("./key-order.ts");
  const reference = (a: string, b: string) => {
    const x = Array.from(a, (c) => c.codePointAt(0)!);
    const y = Array.from(b, (c) => c.codePointAt(0)!);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  };
  const pieces = fc.constantFrom("a", "b", "9", "ｚ", "\uffff", "🎬", "😀", "北", "\ud83c", "\udfac", "");
  const text = fc.array(pieces, { maxLength: 6 }).map((parts) => parts.join(""));
  fc.assert(
    fc.property(text, text, (a, b) => {
      assert.equal(Math.sign(compareCodePoints(a, b)), Math.sign(reference(a, b)), `${a} vs ${b}`);
    }),
    { numRuns: 2000 },
  );
});
