import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import { labelTextTsvReader } from "./label-text-tsv.ts";

test("label/text TSV: header skipped, 1/0 → positive/negative, blank text rejected", async () => {
  const { records, rejections } = await readAll(labelTextTsvReader.read(fixture("chnsenticorp.tsv"), {}));
  assert.deepEqual(
    records.map((r) => r.kind === "classification" && [r.label, r.text, r.lang, r.aspect]),
    [
      ["positive", "酒店很好", "zh", "sentiment"],
      ["negative", "服务太差", "zh", "sentiment"],
    ],
  );
  assert.equal(rejections.length, 1);
  assert.equal(rejections[0].location.line, 4);
});
