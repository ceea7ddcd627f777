import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import { aclImdbReader } from "./aclimdb.ts";

test("aclImdb tree: label from the pos/neg folder, numeric order, unsup skipped", async () => {
  const { records, rejections } = await readAll(aclImdbReader.read(fixture("aclImdb"), {}));
  assert.equal(rejections.length, 0);
  assert.deepEqual(
    records.map((r) => r.kind === "classification" && [r.id, r.label, r.aspect, r.text]),
    [
      ["test/neg/0_2", "negative", "sentiment", "Dull and long."],
      ["test/pos/2_8", "positive", "sentiment", "Great acting."],
      ["test/pos/10_9", "positive", "sentiment", "A wonderful film.\n\nLoved it."],
    ],
  );
  assert.equal(records[0].source, "imdb");
});

test("aclImdb ids do not depend on which folder of the tree was given", async () => {
  const ids = async (path: string) =>
    (await readAll(aclImdbReader.read(fixture(path), {}))).records.map((r) => r.id);
  assert.deepEqual(await ids("aclImdb/test"), await ids("aclImdb"));
  assert.deepEqual(await ids("aclImdb/test/pos"), ["test/pos/2_8", "test/pos/10_9"]);
});
