import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import type { EntitiesRecord, RelationsRecord } from "../records/index.ts";
import { convertDataset } from "./convert-dataset.ts";
import { readDataset } from "./index.ts";
import { readLabelMapFile } from "./label-map.ts";

const typesOf = (records: unknown[]) => {
  const all = records as (EntitiesRecord | RelationsRecord)[];
  return {
    entities: [
      ...new Set(all.flatMap((r) => (r.kind === "entities" ? r.entities.map((e) => e.type) : []))),
    ].sort(),
    relations: [
      ...new Set(all.flatMap((r) => (r.kind === "relations" ? r.relations.map((x) => x.relation) : []))),
    ].sort(),
  };
};

test("built-in names replace coded tags (CoNLL04: Peop → person, Live_In → live in); none keeps raw tags", async () => {
  const named = await readAll(readDataset(fixture("conll04.txt")));
  assert.ok(typesOf(named.records).entities.includes("person"));
  assert.ok(typesOf(named.records).relations.includes("live in"));
  const raw = await readAll(readDataset(fixture("conll04.txt"), { labelMap: "none" }));
  assert.ok(typesOf(raw.records).entities.includes("Peop"));
  assert.ok(typesOf(raw.records).relations.includes("Live_In"));
});

test("a --label-map file wins over the built-in names, per source or for every source", async () => {
  const labelMap = readLabelMapFile(fixture("label-maps/conll04.yaml"));
  const { records } = await readAll(readDataset(fixture("conll04.txt"), { labelMap }));
  const { entities } = typesOf(records);
  assert.ok(entities.includes("people") && !entities.includes("person"));
  assert.throws(() => readLabelMapFile(fixture("conll04.txt")), /conll04\.txt: not a label map/);
});

test("hum convert writes the names and keeps each raw tag in the schema file", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "hum-label-map-")), "conll04.jsonl");
  await convertDataset(fixture("conll04.txt"), { out });
  const schema = JSON.parse(readFileSync(out.replace(/\.jsonl$/, ".schema.json"), "utf8"));
  assert.ok(schema.sources.conll04.entities.includes("person"));
  assert.equal(schema.label_map.conll04.Peop, "person");
  assert.equal(schema.label_map.conll04.Live_In, "live in");
  assert.match(readFileSync(out, "utf8"), /"type":"person"/);
});
