import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { acceptedRecords, type DatasetInput } from "../readers/index.ts";
import type { CanonicalRecord } from "../records/index.ts";
import { prepareCompound } from "./compound.ts";
import { basicOptionsFrom, compoundOptionsFrom, settingsFromFlags } from "./config.ts";
import { scanInputsWith } from "./first-pass.ts";
import { scanInputs } from "./label-universe.ts";
import { synthesize } from "./pipeline.ts";

const entity = (id: string, text: string, type: string) => ({
  kind: "entities",
  id,
  source: "s",
  lang: "en",
  text,
  entities: [{ text: text.split(" ")[0], type, start: 0, end: text.split(" ")[0].length }],
});

/** Two inputs: a bad line, and an id the second input repeats (its record is left out, as synthesis does). */
function twoInputs(): DatasetInput[] {
  const dir = mkdtempSync(join(tmpdir(), "hum-first-pass-"));
  const write = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.map((line) => `${line}\n`).join(""));
    return { path };
  };
  return [
    write("a.jsonl", [
      JSON.stringify(entity("1", "Ada wrote", "person")),
      "{not json",
      JSON.stringify(entity("2", "Paris is", "city")),
    ]),
    write("b.jsonl", [
      JSON.stringify(entity("1", "Bob came", "person")),
      JSON.stringify(entity("3", "Rome is", "city")),
    ]),
  ];
}

async function firstPassOf(inputs: DatasetInput[]) {
  const seen: CanonicalRecord[] = [];
  let finished = 0;
  const scan = await scanInputsWith(
    inputs,
    { add: (r) => seen.push(r), finish: () => finished++ },
    undefined,
  );
  return { scan, seen, finished };
}

async function accepted(inputs: DatasetInput[]): Promise<CanonicalRecord[]> {
  const records: CanonicalRecord[] = [];
  for await (const { record } of acceptedRecords(inputs, { records: 0, rejected: 0 })) records.push(record);
  return records;
}

test("the first pass riding on the label pass sees the records synthesis accepts, and the same labels", async () => {
  const inputs = twoInputs();
  const { scan, seen, finished } = await firstPassOf(inputs);
  assert.deepEqual(seen, await accepted(inputs));
  assert.deepEqual(
    seen.map((r) => ("text" in r ? r.text : "")),
    ["Ada wrote", "Paris is", "Rome is"],
  );
  assert.equal(finished, 1);
  // The label pass itself still counts every valid record's labels, the repeated id's too.
  assert.deepEqual(scan, await scanInputs(inputs));
});

test("with a schema file beside an input, the first pass reads the inputs on its own and sees the same", async () => {
  const inputs = twoInputs();
  writeFileSync(
    inputs[1].path.replace(/\.jsonl$/, ".schema.json"),
    JSON.stringify({ sources: { s: { entities: ["person", "city", "country"] } } }),
  );
  const { scan, seen, finished } = await firstPassOf(inputs);
  assert.deepEqual(seen, await accepted(inputs));
  assert.equal(finished, 1);
  assert.deepEqual(scan, await scanInputs(inputs));
  assert.deepEqual(scan.universe.get("s")?.entities, ["city", "country", "person"]);
});

test("compound synthesis refuses to start when synthesize is not given its first pass", async () => {
  const inputs = twoInputs();
  const settings = settingsFromFlags({});
  const basic = basicOptionsFrom(settings);
  const compound = await prepareCompound(inputs, basic, await compoundOptionsFrom(settings));
  assert.ok(compound.firstPass, "a pool is mined when guidelines are on and no pool is given");
  const out = join(mkdtempSync(join(tmpdir(), "hum-first-pass-out-")), "out.jsonl");
  await assert.rejects(
    synthesize({ inputs, out, ...basic, expand: compound.expand }),
    /before its example pool was mined/,
  );
});
