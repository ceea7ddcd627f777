import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import { chooseReader, type ReadItem, readDataset, readDatasetBatches, type SeenIds } from "./index.ts";

const EXPECTED: [string, string][] = [
  ["conll/token-tag.txt", "conll"],
  ["conll/tag-token-crlf.bio", "conll"],
  ["conll/iob1-four-columns.txt", "conll"],
  ["conll04.txt", "conll04"],
  ["fewrel/val.json", "fewrel"],
  ["scierc-relation.jsonl", "scierc-relation"],
  ["ade.rel", "ade"],
  ["c3.json", "c3"],
  ["squad.json", "squad"],
  ["aclImdb", "aclimdb"],
  ["chnsenticorp.tsv", "label-tsv"],
  ["fewfc.jsonl", "fewfc"],
  ["phee.jsonl", "phee"],
  ["casie/annotation", "casie"],
  ["casie/annotation/1.json", "casie"],
  ["alpaca.json", "alpaca"],
  ["seed-tasks.jsonl", "alpaca"],
  ["iepile/train.json", "iepile"],
  ["iepile-raw/sample.json", "iepile"],
  ["canonical.jsonl", "canonical"],
];

for (const [name, format] of EXPECTED) {
  test(`${name} is detected as ${format}`, () => {
    assert.equal(chooseReader(fixture(name)).name, format);
  });
}

test("an ambiguous file asks for --format, naming the candidates", () => {
  assert.throws(() => chooseReader(fixture("ambiguous.jsonl")), /it could be canonical or alpaca.*--format/);
});

test("an unknown file asks for --format", () => {
  assert.throws(() => chooseReader(fixture("prose.txt")), /no known format matches.*--format/);
  assert.throws(() => chooseReader(fixture("fewrel/pid2name.json")), /--format/);
});

test("--format overrides detection; an unknown name lists the known ones", async () => {
  const { records } = await readAll(readDataset(fixture("ambiguous.jsonl"), { format: "alpaca" }));
  assert.equal(records[0].kind, "chat");
  assert.throws(() => chooseReader(fixture("ambiguous.jsonl"), "nope"), /known formats: canonical, conll/);
});

test("canonical JSONL keeps nested spans and rejects an offset that does not match", async () => {
  const { records, rejections } = await readAll(readDataset(fixture("canonical.jsonl")));
  assert.equal(records.length, 1);
  assert.match(rejections[0].reason, /^span: entities\[0\]\.text: offset 1-6/);
});

test("an id used twice in a source is rejected, naming where it was first used", async () => {
  const { records, rejections } = await readAll(readDataset(fixture("ids/duplicate-ids.jsonl")));
  assert.deepEqual(
    records.map((r) => [r.source, r.id]),
    [
      ["demo", "r1"],
      ["other", "r1"],
    ],
  );
  assert.equal(rejections.length, 1);
  assert.equal(rejections[0].location.line, 2);
  assert.match(
    rejections[0].reason,
    /^duplicate id: "r1" of source "demo" was first used at .*duplicate-ids\.jsonl:1$/,
  );
});

test("canonical JSONL honours a source and language given for the input", async () => {
  const { records } = await readAll(readDataset(fixture("canonical.jsonl"), { source: "mine", lang: "zh" }));
  assert.ok(records.length > 0);
  assert.ok(records.every((r) => r.source === "mine" && r.lang === "zh"));
});

test("ids shared by the inputs of one run: an id used in another file of the source is rejected too", async () => {
  const seenIds: SeenIds = new Map();
  await readAll(readDataset(fixture("ids/duplicate-ids.jsonl"), { seenIds }));
  const { records, rejections } = await readAll(readDataset(fixture("ids/more-ids.jsonl"), { seenIds }));
  assert.deepEqual(
    records.map((r) => r.id),
    ["r9"],
  );
  assert.match(
    rejections[0].reason,
    /^duplicate id: "r1" of source "demo" was first used at .*duplicate-ids\.jsonl:1$/,
  );
});

test("read in batches, every format gives the items it gives one at a time, ids checked alike", async () => {
  const items = async (read: AsyncIterable<ReadItem>) => {
    const all: ReadItem[] = [];
    for await (const item of read) all.push(item);
    return all;
  };
  const batched = async (read: AsyncIterable<ReadItem[]>) => {
    const all: ReadItem[] = [];
    for await (const batch of read) {
      assert.ok(batch.length > 0, "no empty batch");
      all.push(...batch);
    }
    return all;
  };
  // Canonical JSONL reads in pieces; the others are grouped (CoNLL, FewRel: a folder-less file each).
  for (const name of [
    "canonical.jsonl",
    "ids/duplicate-ids.jsonl",
    "conll/token-tag.txt",
    "fewrel/val.json",
  ]) {
    const one = await items(readDataset(fixture(name), { seenIds: new Map() }));
    const many = await batched(readDatasetBatches(fixture(name), { seenIds: new Map() }));
    assert.ok(one.length > 0, name);
    assert.deepEqual(many, one, name);
  }
  // A limit gives the first items alone, whichever way the reader reads.
  for (const name of ["canonical.jsonl", "conll/token-tag.txt"]) {
    const one = await items(readDataset(fixture(name)));
    for (const limit of [0, 1, one.length - 1, one.length + 5])
      assert.deepEqual(
        await batched(readDatasetBatches(fixture(name), {}, limit)),
        one.slice(0, Math.max(0, limit)),
        `${name}, ${limit}`,
      );
  }
  // The id check spans the batches and the inputs of a run, as it does one item at a time.
  const seenIds: SeenIds = new Map();
  await batched(readDatasetBatches(fixture("ids/duplicate-ids.jsonl"), { seenIds }));
  const again = await batched(readDatasetBatches(fixture("ids/more-ids.jsonl"), { seenIds }));
  assert.match((again.find((item) => !item.ok) as { reason: string }).reason, /^duplicate id: "r1"/);
});
