import assert from "node:assert/strict";
import { test } from "node:test";
import { fewrelReader } from "./fewrel.ts";
import { fixture, readAll } from "./read-all.ts";

test("FewRel: names from pid2name.json, the PID when missing, blank tokens dropped", async () => {
  const { records, rejections } = await readAll(fewrelReader.read(fixture("fewrel/val.json"), {}));
  assert.equal(records.length, 2);
  const [bridge, other] = records;
  assert.equal(bridge.kind === "relations" && bridge.text, "Wilton Bridge crosses the River Wye .");
  assert.deepEqual(bridge.kind === "relations" && bridge.relations[0], {
    subject: "Wilton Bridge",
    relation: "crosses",
    object: "River Wye",
    subject_start: 0,
    object_start: 26,
  });
  assert.equal(other.kind === "relations" && other.relations[0].relation, "P999");
  assert.equal(rejections.length, 1);
  assert.match(rejections[0].reason, /^fewrel: head mention has no usable token indices/);
  assert.equal(rejections[0].location.line, 3);
});

test("FewRel: a malformed file is one rejection", async () => {
  const { records, rejections } = await readAll(fewrelReader.read(fixture("alpaca-malformed.json"), {}));
  assert.equal(records.length, 0);
  assert.equal(rejections.length, 1);
  assert.match(rejections[0].reason, /^invalid JSON: /);
});
