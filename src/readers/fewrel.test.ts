import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import type { RelationsRecord } from "../records/index.ts";
import { fewrelReader } from "./fewrel.ts";
import { chooseReader } from "./index.ts";

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

test("FewRel 2.0 files with readable relation keys are FewRel too, each file its own source", async () => {
  const semeval = fixture("fewrel2/val_semeval.json");
  const pubmed = fixture("fewrel2/val_pubmed.json");
  assert.equal(chooseReader(semeval).name, "fewrel");
  assert.equal(chooseReader(pubmed).name, "fewrel");
  const kept = await readAll(fewrelReader.read(semeval, {}));
  assert.deepEqual(
    (kept.records as RelationsRecord[]).map((r) => r.relations[0].relation),
    ["Cause-Effect(e1,e2)", "Cause-Effect(e2,e1)", "Other"],
  );
  const pubmedRecords = (await readAll(fewrelReader.read(pubmed, {}))).records as RelationsRecord[];
  assert.equal(pubmedRecords[0].relations[0].relation, "biological_process_involves_gene_product");
  assert.notEqual(pubmedRecords[0].source, kept.records[0].source);
});

test("FewRel: SemEval direction suffixes normalised on request, (e2,e1) swapping subject and object", async () => {
  const { records } = await readAll(
    fewrelReader.read(fixture("fewrel2/val_semeval.json"), { normalizeDirection: true }),
  );
  assert.deepEqual(
    (records as RelationsRecord[]).map((r) => [
      r.relations[0].subject,
      r.relations[0].relation,
      r.relations[0].object,
    ]),
    [
      ["storm", "Cause-Effect", "damage"],
      ["storm", "Cause-Effect", "damage"],
      ["cat", "Other", "dog"],
    ],
  );
});

test("FewRel without pid2name.json: ids stay ids, and a note says so", async () => {
  const notes = new Map<string, number>();
  const { records } = await readAll(
    fewrelReader.read(fixture("fewrel-ids/val_wiki.json"), {
      notes: { add: (note, n = 1) => notes.set(note, (notes.get(note) ?? 0) + n) },
    }),
  );
  assert.equal((records[0] as RelationsRecord).relations[0].relation, "P177");
  assert.deepEqual(
    [...notes.keys()],
    ["fewrel: 1 Wikidata relation ids have no name (no pid2name.json entry) and stay ids"],
  );
});
