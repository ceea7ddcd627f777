import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import type { TuplesRecord } from "../records/index.ts";
import { chooseReader } from "./index.ts";
import { openieTsvReader } from "./openie-tsv.ts";

test("OIE2016/CaRB TSV: one tuples record per sentence; extra arguments counted; non-verbatim rejects", async () => {
  const path = fixture("openie/dev.tsv");
  assert.equal(chooseReader(path).name, "openie-tsv");
  const notes = new Map<string, number>();
  const add = (note: string, n = 1) => notes.set(note, (notes.get(note) ?? 0) + n);
  const { records, rejections } = await readAll(openieTsvReader.read(path, { notes: { add } }));
  assert.deepEqual(
    (records as TuplesRecord[]).map((r) => [r.id, r.tuples]),
    [
      [
        "dev-1",
        [
          { subject: "Barack Obama", predicate: "was born in", object: "Hawaii" },
          { subject: "Barack Obama", predicate: "served as", object: "president" },
        ],
      ],
      ["dev-3", [{ subject: "The company", predicate: "opened", object: "a store" }]],
    ],
  );
  assert.deepEqual([...notes], [["openie: arguments after the second dropped (no canonical role)", 2]]);
  assert.equal(rejections.length, 1);
  assert.equal(rejections[0].location.line, 5);
  assert.match(rejections[0].reason, /^span: tuples\[0\]\.predicate: span "\[is\] on" does not occur/);
});

test("OpenIE TSV: the source is openie unless the file says more", async () => {
  const { records } = await readAll(openieTsvReader.read(fixture("openie/dev.tsv"), {}));
  assert.equal(records[0].source, "openie");
});
