import assert from "node:assert/strict";
import { test } from "node:test";
import { generateCorpus } from "../../test/support/generated-records.ts";
import { SeededRandom } from "../util/seeded-random.ts";
import {
  DictionaryMiner,
  dictionaryText,
  exampleRecord,
  labelsOf,
  mergeDictionaries,
  parseDictionary,
} from "./index.ts";

const { records } = generateCorpus(600, 5);

function mine(list = records) {
  const miner = new DictionaryMiner({ seed: 3 });
  for (const record of list) miner.add(record);
  return miner.result();
}

test("mining is deterministic and independent of record order", () => {
  const forward = dictionaryText(mine());
  const shuffled = dictionaryText(mine(new SeededRandom("order").shuffle(records)));
  assert.equal(forward, shuffled);
  assert.equal(dictionaryText(parseDictionary(forward)), forward);
});

test("5 positives carry the label, 5 negatives do not and prefer texts with other labels", () => {
  const dictionary = mine();
  const entries = Object.entries(dictionary.sources.generated_entities.labels);
  assert.ok(entries.length > 3);
  for (const [label, entry] of entries) {
    assert.equal(entry.positive.length, 5);
    assert.equal(entry.negative.length, 5);
    const carrying = (text: string) =>
      records.filter((r) => "text" in r && r.text === text).some((r) => labelsOf(r).includes(label));
    for (const example of entry.positive) {
      assert.ok(carrying(example.text));
      const record = exampleRecord(example, { kind: "entities", source: "s", lang: "en", label })!;
      assert.ok(record && "entities" in record && record.entities.length > 0);
    }
    for (const example of entry.negative) {
      assert.ok(!carrying(example.text));
      assert.deepEqual(example.answer, []);
      const others = records.find((r) => "text" in r && r.text === example.text)!;
      assert.ok(labelsOf(others).length > 0, "a confusable negative was available");
    }
    assert.ok(entry.values.length > 0);
  }
});

test("merging keeps descriptions, synonyms and reviewed entries; refreshes mined parts", () => {
  const mined = mine();
  const existing = parseDictionary(dictionaryText(mined));
  const labels = Object.keys(existing.sources.generated_entities.labels);
  const [kept, reviewed] = labels;
  Object.assign(existing.sources.generated_entities.labels[kept], {
    descriptions: ["hand-written"],
    synonyms: ["alias"],
    positive: [],
  });
  Object.assign(existing.sources.generated_entities.labels[reviewed], {
    reviewed: true,
    positive: [],
    values: ["x"],
  });
  existing.sources.extra = {
    kind: "entities",
    lang: "en",
    reviewed: false,
    positive: [],
    negative: [],
    labels: {},
  };
  const merged = mergeDictionaries(existing, mined);
  const entry = merged.sources.generated_entities.labels[kept];
  assert.deepEqual(entry.descriptions, ["hand-written"]);
  assert.deepEqual(entry.synonyms, ["alias"]);
  assert.equal(entry.positive.length, 5);
  assert.deepEqual(merged.sources.generated_entities.labels[reviewed].positive, []);
  assert.deepEqual(merged.sources.generated_entities.labels[reviewed].values, ["x"]);
  assert.ok(merged.sources.extra);
});

test("a malformed dictionary names the offending key", () => {
  assert.throws(
    () => parseDictionary("version: 1\nsources:\n  s:\n    kind: entities\n    lang: fr\n"),
    /sources\.s\.lang/,
  );
});
