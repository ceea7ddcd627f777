import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fixture } from "../../test/support/read-all.ts";
import { SchemaFile } from "../records/index.ts";
import { reasonKind as reasonCategory } from "../util/counts.ts";
import { convertDataset } from "./convert-dataset.ts";

test("convertDataset writes records, rejects and schema, and counts them", async (t) => {
  const folder = mkdtempSync(join(tmpdir(), "hum-convert-"));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const out = join(folder, "fewfc.jsonl");
  const counts = await convertDataset(fixture("fewfc.jsonl"), { out, source: "fewfc_demo" });
  assert.equal(counts.format, "fewfc");
  assert.equal(counts.read, 5);
  assert.deepEqual(counts.convertedByKind, { events: 2 });
  assert.deepEqual(counts.rejectedByReason, { span: 1, fewfc: 1, "invalid JSON": 1 });
  const records = readFileSync(out, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  assert.deepEqual(
    records.map((r) => r.source),
    ["fewfc_demo", "fewfc_demo"],
  );
  const rejects = readFileSync(`${out}.rejects.jsonl`, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  assert.deepEqual(Object.keys(rejects[0]), ["file", "line", "reason", "record"]);
  assert.equal(rejects[0].line, 2);
  const schema = SchemaFile.parse(JSON.parse(readFileSync(join(folder, "fewfc.schema.json"), "utf8")));
  assert.deepEqual(
    schema.sources.fewfc_demo.events.map((e) => e.type),
    ["起诉"],
  );
});

test("a schema.json beside IEPile data extends the label set", async (t) => {
  const folder = mkdtempSync(join(tmpdir(), "hum-convert-"));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const out = join(folder, "sample.jsonl");
  await convertDataset(fixture("iepile-raw/sample.json"), { out });
  const schema = JSON.parse(readFileSync(join(folder, "sample.schema.json"), "utf8"));
  assert.deepEqual(schema.sources.sample.entities, ["人物", "地理位置", "组织机构"]);
});

test("reason categories are the text before the first colon", () => {
  assert.equal(reasonCategory("span: entities[0].text: offset 1-2"), "span");
  assert.equal(reasonCategory("invalid JSON: Unexpected token"), "invalid JSON");
  assert.equal(reasonCategory("no detail"), "no detail");
});
