import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import { casieReader } from "./casie.ts";

test("CASIE folder: one events record per article, subtype as type; a broken file is one rejection", async () => {
  const { records, rejections } = await readAll(casieReader.read(fixture("casie/annotation"), {}));
  // 2.json's one span is off by one: realigned.
  assert.deepEqual(
    records.map((r) => r.id),
    ["1", "2"],
  );
  assert.deepEqual(records[0].kind === "events" && records[0].events, [
    {
      type: "Databreach",
      trigger: "breached",
      trigger_start: 8,
      arguments: [
        { role: "Attacker", text: "Hackers", start: 0 },
        { role: "Compromised-Data", text: "card data", start: 36 },
      ],
    },
  ]);
  assert.deepEqual(
    rejections.map((r) => r.reason.split(": ")[0]),
    ["invalid JSON"],
  );
  assert.match(rejections[0].location.file, /3\.json$/);
});

test("CASIE: one file, or the dataset root holding annotation/", async () => {
  const one = await readAll(casieReader.read(fixture("casie/annotation/1.json"), {}));
  assert.equal(one.records.length, 1);
  const root = await readAll(casieReader.read(fixture("casie"), {}));
  assert.equal(root.items.length, 3);
});

test("CASIE: a constant shift realigned and counted; one bad event rejected alone; broken structure rejected", async () => {
  const notes = new Map<string, number>();
  const add = (note: string, n = 1) => notes.set(note, (notes.get(note) ?? 0) + n);
  const { records, rejections } = await readAll(
    casieReader.read(fixture("casie-defects"), { notes: { add } }),
  );
  const events = new Map(records.map((r) => [r.id, r.kind === "events" ? r.events : []]));
  assert.deepEqual(
    events.get("10")?.[0].arguments.map((a) => [a.text, a.start]),
    [
      ["Hackers", 0],
      ["card data", 36],
    ],
  );
  assert.equal(events.get("10")?.[0].trigger_start, 8);
  assert.deepEqual([...notes], [["casie: spans realigned by a constant shift", 3]]);
  // 11.json: E2's trigger offset is wrong (and no one shift fits both events): E2 alone is rejected.
  assert.deepEqual(
    events.get("11")?.map((e) => e.type),
    ["Databreach"],
  );
  assert.deepEqual(
    rejections.map((r) => [r.location.file.split("/").at(-1), r.reason]),
    [
      ["11.json", 'span: casie event E2 (Phishing): offset 40 holds "ail hit ", not "phishing"'],
      ["12.json", "casie: hopper 0 has no events list (keys: event)"],
      ["13.json", 'casie: hopper 0 event 0: nugget startOffset "8" is not a non-negative integer'],
    ],
  );
  assert.equal(records.length, 2);
});
