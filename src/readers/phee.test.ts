import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import { pheeReader } from "./phee.ts";

test("PHEE: nested arguments as Parent.Child, one argument per mention", async () => {
  const { records, rejections } = await readAll(pheeReader.read(fixture("phee.jsonl"), {}));
  assert.equal(rejections.length, 0);
  const [therapy, adverse] = records.map((r) => (r.kind === "events" ? r.events[0] : undefined));
  assert.equal(therapy?.trigger, "Treatment of");
  assert.deepEqual(
    therapy?.arguments.map((a) => `${a.role}:${a.text}`),
    [
      "Treatment:metoprolol",
      "Treatment.Disorder:lithium tremor",
      "Treatment.Drug:lithium",
      "Treatment.Drug:metoprolol",
    ],
  );
  assert.deepEqual(
    adverse?.arguments.map((a) => `${a.role}:${a.text}@${a.start}`),
    // "rash" and "fever" are fragments of one mention in the fixture: one argument spanning both.
    ["Effect:rash and fever@2", "Treatment:aspirin@26"],
  );
});

test("PHEE: broken structure is rejected with its reason; a discontinuous mention is one argument", async () => {
  const notes = new Map<string, number>();
  const add = (note: string, n = 1) => notes.set(note, (notes.get(note) ?? 0) + n);
  const { records, rejections } = await readAll(
    pheeReader.read(fixture("phee-defects.jsonl"), { notes: { add } }),
  );
  assert.deepEqual(
    rejections.map((r) => [r.location.line, r.reason]),
    [
      [1, "phee: annotation set 0 has no events list (keys: event)"],
      [2, 'phee: event "E1" Trigger: start "7" is not a non-negative integer'],
      [3, 'phee: event "E1" has no event_type (keys: event_id, type, Trigger)'],
    ],
  );
  const subject = records[0].kind === "events" ? records[0].events[0].arguments : [];
  assert.deepEqual(subject, [
    { role: "Subject", text: "A patient on warfarin for atrial fibrillation", start: 0 },
  ]);
  assert.deepEqual([...notes], [["phee: discontinuous mentions kept as one argument", 1]]);
});
