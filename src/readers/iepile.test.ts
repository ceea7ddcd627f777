import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import { iepileReader, readSchemaFile } from "./iepile.ts";

test("IEPile instruction lines: outputs mapped back, chunks of one sample merged", async () => {
  const { records, rejections } = await readAll(iepileReader.read(fixture("iepile/train.json"), {}));
  assert.equal(records.length, 3);
  const [ner, re, ee] = records;
  assert.deepEqual(ner.kind === "entities" && [ner.source, ner.entities], [
    "CoNLL2003",
    [
      { text: "Robert Allenby", type: "person" },
      { text: "Australia", type: "location" },
    ],
  ]);
  assert.deepEqual(re.kind === "relations" && re.relations, [
    { subject: "Thomas Edison", relation: "place of death", object: "West Orange" },
  ]);
  assert.deepEqual(ee.kind === "events" && ee.events, [
    {
      type: "adverse event",
      trigger: "cause",
      arguments: [
        { role: "Effect", text: "myoclonus" },
        { role: "Treatment", text: "Pregabalin" },
      ],
    },
  ]);
  assert.deepEqual(
    rejections.map((r) => [r.location.line, r.reason.split(": ")[0]]),
    [
      [5, "span"],
      [6, "iepile"],
    ],
  );
});

test("IEPile raw sample.json with nested entities, and its schema.json", async () => {
  const path = fixture("iepile-raw/sample.json");
  const { records, rejections } = await readAll(iepileReader.read(path, {}));
  assert.equal(rejections.length, 0);
  assert.equal(records.length, 2);
  assert.equal(records[1].lang, "zh");
  assert.deepEqual((await readSchemaFile(fixture("iepile-raw/schema.json")))?.entities, [
    "人物",
    "组织机构",
    "地理位置",
  ]);
  const declared = await iepileReader.declaredLabels?.(path, {});
  assert.equal(declared?.source, "sample");
});

test("IEPile: damaged answers are rejected, not read as absent labels", async () => {
  const { records, rejections } = await readAll(iepileReader.read(fixture("iepile-defects.jsonl"), {}));
  assert.equal(records.length, 0);
  assert.deepEqual(
    rejections.map((r) => r.reason),
    [
      "iepile: entity list holds an item that is not an object",
      'iepile: RE output for "knows" is not a list of objects: "Ada, Bob"',
    ],
  );
});
