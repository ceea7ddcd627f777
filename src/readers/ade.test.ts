import assert from "node:assert/strict";
import { test } from "node:test";
import { adeReader } from "./ade.ts";
import { fixture, readAll } from "./read-all.ts";

test("ADE: document offsets → spans in the sentence, the occurrence matching their distance", async () => {
  const { records, rejections } = await readAll(adeReader.read(fixture("ade.rel"), {}));
  assert.equal(records.length, 2);
  assert.deepEqual(records[0].kind === "relations" && records[0].relations[0], {
    subject: "azithromycin",
    relation: "adverse effect",
    object: "ototoxicity",
    subject_type: "drug",
    object_type: "adverse effect",
    subject_start: 12,
    object_start: 33,
  });
  const second = records[1].kind === "relations" ? records[1].relations[0] : undefined;
  assert.equal(second?.subject_start, 43);
  assert.equal(second?.object_start, 32);
  assert.equal(rejections.length, 1);
  assert.equal(rejections[0].reason, 'ade: effect "headache" not found in the sentence');
  assert.equal(rejections[0].location.line, 3);
});
