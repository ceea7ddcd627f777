import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { readDataset } from "../readers/index.ts";
import { LabelCollector } from "../records/index.ts";
import { generateCorpus } from "./generated-records.ts";
import { readLabels } from "./label-universe.ts";

/** Lines whose validity decides labels: new labels on invalid records, upgrades, odd shapes. */
const TRICKY = [
  // A valid record, then invalid ones carrying new labels (bad span, bad schema, new source).
  { kind: "entities", source: "s", lang: "en", text: "Ada.", entities: [{ text: "Ada", type: "person" }] },
  { kind: "entities", source: "s", lang: "en", text: "Ada.", entities: [{ text: "Bob", type: "ghost" }] },
  { kind: "entities", source: "s", lang: "en", text: "Ada.", entities: [{ text: "Ada", type: 7 }] },
  {
    kind: "entities",
    source: "s",
    lang: "en",
    text: "Ada.",
    entities: [{ text: "Ada", type: "person" }],
    extra: 1,
  },
  { kind: "entities", source: "only_invalid", lang: "fr", text: "Ada.", entities: [] },
  // Relations: untyped first, then an invalid typed one, then a valid typed one.
  {
    kind: "relations",
    source: "r",
    lang: "en",
    text: "Ada met Bob.",
    relations: [{ subject: "Ada", relation: "met", object: "Bob" }],
  },
  {
    kind: "relations",
    source: "r",
    lang: "en",
    text: "Ada met Bob.",
    relations: [{ subject: "Zed", relation: "met", object: "Bob", subject_type: "p", object_type: "p" }],
  },
  {
    kind: "relations",
    source: "r",
    lang: "en",
    text: "Ada met Bob.",
    relations: [
      { subject: "Ada", relation: "met", object: "Bob", subject_type: "person", object_type: "person" },
    ],
  },
  // Events without arguments, then with a role on an invalid record, then valid.
  { kind: "events", source: "e", lang: "en", text: "Ada left.", events: [{ type: "move", trigger: "left" }] },
  {
    kind: "events",
    source: "e",
    lang: "en",
    text: "Ada left.",
    events: [{ type: "move", trigger: "gone", arguments: [{ role: "agent", text: "Ada" }] }],
  },
  {
    kind: "events",
    source: "e",
    lang: "en",
    text: "Ada left.",
    events: [{ type: "move", trigger: "left", arguments: [{ role: "who", text: "Ada" }] }],
  },
  // Graph attributes and classes.
  {
    kind: "graph",
    source: "g",
    lang: "en",
    text: "Ada, born 1815.",
    entities: [{ type: "Person", name: "Ada" }],
  },
  {
    kind: "graph",
    source: "g",
    lang: "en",
    text: "Ada, born 1815.",
    entities: [{ type: "Person", name: "Ada", attributes: { born: "" } }],
  },
  {
    kind: "graph",
    source: "g",
    lang: "en",
    text: "Ada, born 1815.",
    entities: [{ type: "Person", name: "Ada", attributes: { born: "1815" } }],
  },
  { kind: "classification", source: "c", lang: "en", text: "Goal!", label: "sports" },
  { kind: "classification", source: "c", lang: "en", text: "", label: "finance" },
  { kind: "mystery", source: "c", lang: "en", text: "x" },
];

test("the label pass that validates only new labels finds exactly the valid records' universe", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hum-labels-"));
  const generated = generateCorpus(200, 21).records.map((r) => JSON.stringify(r));
  const lines = [
    ...TRICKY.map((r) => JSON.stringify(r)),
    "{broken",
    ...generated,
    ...TRICKY.map((r) => JSON.stringify(r)),
  ];
  const input = join(dir, "data.jsonl");
  writeFileSync(input, `${lines.join("\n")}\n\n`);

  const full = new LabelCollector();
  let items = 0;
  for await (const item of readDataset(input, { format: "canonical" })) {
    items++;
    if (item.ok) full.add(item.record);
  }
  const fast = await readLabels({ path: input, format: "canonical" });
  assert.deepEqual(fast, { sources: full.toSchemaFile().sources, items });
  assert.equal(fast.sources.only_invalid, undefined);
  assert.deepEqual(fast.sources.s.entities, ["person"]);
  assert.deepEqual(fast.sources.r.relations, [
    { relation: "met", subject_type: "person", object_type: "person" },
  ]);
  assert.deepEqual(fast.sources.e.events, [{ type: "move", roles: ["who"] }]);
  assert.deepEqual(fast.sources.g.graph, [{ entity_type: "Person", attributes: ["born"] }]);
  assert.deepEqual(fast.sources.c.classes, ["sports"]);
});
