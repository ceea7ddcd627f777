import assert from "node:assert/strict";
import { test } from "node:test";
import { casieReader } from "./casie.ts";
import { fixture, readAll } from "./read-all.ts";

test("CASIE folder: one events record per article, subtype as type; a broken file is one rejection", async () => {
  const { records, rejections } = await readAll(casieReader.read(fixture("casie/annotation"), {}));
  assert.deepEqual(
    records.map((r) => r.id),
    ["1"],
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
    ["span", "invalid JSON"],
  );
  assert.match(rejections[0].location.file, /2\.json$/);
});

test("CASIE: one file, or the dataset root holding annotation/", async () => {
  const one = await readAll(casieReader.read(fixture("casie/annotation/1.json"), {}));
  assert.equal(one.records.length, 1);
  const root = await readAll(casieReader.read(fixture("casie"), {}));
  assert.equal(root.items.length, 3);
});
