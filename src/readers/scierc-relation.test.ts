import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import type { RelationsRecord } from "../records/index.ts";
import { sciercRelationReader } from "./scierc-relation.ts";

test("SciERC relations: [[ ]] is the subject wherever it stands; markers checked against metadata", async () => {
  const { records, rejections } = await readAll(
    sciercRelationReader.read(fixture("scierc-relation.jsonl"), {}),
  );
  assert.deepEqual(
    records.map(
      (r) =>
        r.kind === "relations" && [
          r.text,
          r.relations[0].subject,
          r.relations[0].relation,
          r.relations[0].object,
        ],
    ),
    [
      ["We use neural networks for translation .", "neural networks", "USED-FOR", "translation"],
      ["The corpus improves recall .", "recall", "EVALUATE-FOR", "corpus"],
    ],
  );
  assert.deepEqual(
    rejections.map((r) => [r.location.line, r.reason.split(":")[0]]),
    [
      [3, "scierc"],
      [4, "invalid JSON"],
    ],
  );
  assert.match(rejections[0].reason, /disagree with metadata/);
});

test("SciERC relations: every line of a sentence in one record, duplicates once, bad pair rejects the sentence", async () => {
  const { records, rejections } = await readAll(
    sciercRelationReader.read(fixture("scierc-sentences.jsonl"), {}),
  );
  const got = (records as RelationsRecord[]).map((r) => [
    r.text,
    r.relations.map((p) => `${p.subject}|${p.relation}|${p.object}`),
  ]);
  assert.deepEqual(got, [
    [
      "We use neural networks for translation and parsing .",
      [
        "neural networks|USED-FOR|translation",
        "neural networks|USED-FOR|parsing",
        "translation|CONJUNCTION|parsing",
      ],
    ],
  ]);
  assert.equal(rejections.length, 1);
  assert.equal(rejections[0].location.line, 3);
  assert.match(
    rejections[0].reason,
    /^scierc: line 6: markers .* disagree with metadata.*other lines 3 are rejected/,
  );
});
