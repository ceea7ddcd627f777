import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { acceptedRecords, type DatasetInput } from "../readers/index.ts";
import type { CanonicalRecord } from "../records/index.ts";
import { prepareCompound } from "./compound.ts";
import { basicOptionsFrom, compoundOptionsFrom, settingsFromFlags } from "./config.ts";
import { ExamplePoolMiner, examplePoolOf } from "./example-pool.ts";
import { type FirstPass, runFirstPass } from "./first-pass.ts";
import { linesInPool, mineLinesInPool } from "./line-pipeline.ts";
import { synthesize } from "./pipeline.ts";
import { idKey } from "./record-batch.ts";
import { type RenderPool, ThisThread, WorkerPool } from "./worker-pool.ts";

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

async function firstPassOf(inputs: DatasetInput[], mayRepeat?: (source: string, id: string) => boolean) {
  const seen: CanonicalRecord[] = [];
  let finished = 0;
  await runFirstPass(inputs, { add: (record) => seen.push(record), finish: () => finished++ }, mayRepeat);
  return { seen, finished };
}

async function accepted(inputs: DatasetInput[]): Promise<CanonicalRecord[]> {
  const records: CanonicalRecord[] = [];
  for await (const { record } of acceptedRecords(inputs, { records: 0, rejected: 0 })) records.push(record);
  return records;
}

const texts = (records: CanonicalRecord[]) => records.map((r) => ("text" in r ? r.text : ""));

test("the first pass sees the records synthesis accepts, once each, in input order", async () => {
  const inputs = twoInputs();
  const { seen, finished } = await firstPassOf(inputs);
  assert.deepEqual(seen, await accepted(inputs));
  assert.deepEqual(texts(seen), ["Ada wrote", "Paris is", "Rome is"]);
  assert.equal(finished, 1);
});

test("told which ids may repeat, the first pass keeps those alone and still leaves repeats out", async () => {
  const inputs = twoInputs();
  const asked: string[] = [];
  const { seen } = await firstPassOf(inputs, (_source, id) => {
    asked.push(id);
    return id === "1";
  });
  assert.deepEqual(texts(seen), ["Ada wrote", "Paris is", "Rome is"]);
  assert.deepEqual(asked, ["1", "2", "1", "3"]);
  // An id it says cannot repeat is not kept, so its second use would pass: the census must be right.
  assert.deepEqual(texts((await firstPassOf(inputs, () => false)).seen), [
    "Ada wrote",
    "Paris is",
    "Bob came",
    "Rome is",
  ]);
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

test("mined in batches, the example pool is the one a first pass over every record mines", async () => {
  const inputs = twoInputs();
  const mined = async (pool: RenderPool) => {
    const miner = new ExamplePoolMiner(7);
    let finished = 0;
    const firstPass: FirstPass = {
      add: (record) => miner.add(record),
      finish: () => finished++,
      mining: { seed: 7, take: (samples) => miner.take(samples) },
    };
    try {
      assert.ok(await linesInPool(inputs, pool));
      // Batches of one line: the repeated id comes back from a later batch than its first use.
      await mineLinesInPool(inputs, pool, 1, new Map(), new Set([idKey("s", "1")]), firstPass);
    } finally {
      await pool.close();
    }
    assert.equal(finished, 1);
    return miner.result().snapshot?.();
  };
  const pool = examplePoolOf(await accepted(inputs), 7);
  // The second use of id 1 ("Bob came") is left out.
  assert.deepEqual(texts([...pool.positives("s", "person")]), ["Ada wrote"]);
  const expected = pool.snapshot?.();
  const options = { seed: 7, negativeRatio: 1, schemaOrder: "sorted" as const };
  assert.deepEqual(await mined(new ThisThread(options)), expected);
  assert.deepEqual(await mined(new WorkerPool(2, { options })), expected);
});
