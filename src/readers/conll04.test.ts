import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import { conll04Reader } from "./conll04.ts";

test("CoNLL04: a relations and an entities record per sentence, relations typed", async () => {
  const { records, rejections } = await readAll(conll04Reader.read(fixture("conll04.txt"), {}));
  assert.deepEqual(
    records.map((r) => r.id),
    ["1", "1#entities", "3", "3#entities"],
  );
  const relations = records[0].kind === "relations" ? records[0].relations : [];
  assert.deepEqual(relations, [
    {
      subject: "John Smith",
      relation: "Live_In",
      object: "Boston",
      subject_type: "Peop",
      object_type: "Loc",
      subject_start: 0,
      object_start: 20,
    },
    {
      subject: "John Smith",
      relation: "Work_For",
      object: "Acme",
      subject_type: "Peop",
      object_type: "Org",
      subject_start: 0,
      object_start: 38,
    },
  ]);
  assert.equal(records[0].source, "conll04");
  assert.equal(rejections.length, 1);
  assert.match(rejections[0].reason, /^conll04: Kill at token 1 → 0 does not join two entities/);
  assert.equal(rejections[0].location.line, 10);
});
