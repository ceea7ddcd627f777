import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import type { RelationsRecord } from "../records/index.ts";
import { adeDoseReader, adeReader } from "./ade.ts";
import { chooseReader } from "./index.ts";

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
  assert.equal(rejections[0].reason, 'ade: line 3: adverse effect "headache" not found in the sentence');
  assert.equal(rejections[0].location.line, 3);
});

test("ADE: one record per sentence of a document, with every pair of it, wherever its lines are", async () => {
  const { records, rejections } = await readAll(adeReader.read(fixture("ade-pairs.rel"), {}));
  const pairs = (records as RelationsRecord[]).map((r) => [
    r.id,
    r.relations.map((p) => `${p.subject}>${p.object}`),
  ]);
  assert.deepEqual(pairs, [
    // lines 1, 2 and 4 (4 repeats 2 and is merged once)
    ["30000001-1", ["cisplatin>Nausea", "cisplatin>vomiting"]],
    ["30000002-3", ["paclitaxel>Hair loss"]],
    ["30000002-5", ["ampicillin>Rash", "amoxicillin>Rash"]],
    // the same sentence in another document is another record
    ["30000003-7", ["ampicillin>Rash"]],
  ]);
  // One unreadable pair rejects its whole sentence: its other pair would be asked as a negative.
  assert.equal(rejections.length, 1);
  assert.equal(rejections[0].location.line, 8);
  assert.match(
    rejections[0].reason,
    /^ade: line 8: adverse effect "seizures" not found.*other lines 9 are rejected/,
  );
});

test("ADE DRUG-DOSE: known by its name or its doses, labelled as a dose relation, never an adverse effect", async () => {
  const named = fixture("ade-files/DRUG-DOSE.rel");
  assert.equal(chooseReader(named).name, "ade-dose");
  const { records } = await readAll(chooseReader(named).read(named, {}));
  const first = records[0] as RelationsRecord;
  assert.equal(first.source, "ade_dose");
  assert.deepEqual(
    first.relations.map((r) => [r.subject, r.relation, r.object, r.object_type]),
    [
      ["methotrexate", "dose", "10 mg", "dose"],
      ["methotrexate", "dose", "weekly", "dose"],
    ],
  );
  assert.equal(chooseReader(fixture("ade-files/doses.rel")).name, "ade-dose");
  assert.equal(chooseReader(fixture("ade.rel")).name, "ade");
  assert.throws(
    () => chooseReader(fixture("ade-files/mixed.rel")),
    /mixed\.rel: cannot tell the format \(it could be ade or ade-dose\); give it with --format/,
  );
  const forced = await readAll(adeDoseReader.read(fixture("ade-files/mixed.rel"), {}));
  assert.ok(
    (forced.records as RelationsRecord[]).every((r) => r.relations.every((p) => p.relation === "dose")),
  );
});
