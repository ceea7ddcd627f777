import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "./read-all.ts";
import { squadReader } from "./squad.ts";

test("SQuAD-style: answer_start kept (code points → UTF-16), unanswerable → null, wrong offset rejected", async () => {
  const { records, rejections } = await readAll(squadReader.read(fixture("squad.json"), { source: "cmrc" }));
  assert.deepEqual(
    records.map((r) => r.kind === "qa" && [r.id, r.answer, r.answer_start, r.lang]),
    [
      ["Q0", "光荣和ω-force", 0, "zh"],
      ["Q1", "发布", 21, "zh"],
      ["Q3", null, undefined, "zh"],
    ],
  );
  assert.equal(rejections.length, 1);
  assert.match(rejections[0].reason, /^span: answer: offset 3-5 holds/);
  assert.equal(rejections[0].location.line, 3);
});
