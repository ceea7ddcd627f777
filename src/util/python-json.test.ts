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
