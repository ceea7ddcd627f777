import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
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

test("SQuAD-style: offsets in either unit or a little off are found; damaged structure is rejected, not skipped", async () => {
  const notes = new Map<string, number>();
  const add = (note: string, n = 1) => notes.set(note, (notes.get(note) ?? 0) + n);
  const { records, rejections } = await readAll(
    squadReader.read(fixture("squad-defects/defects.json"), { notes: { add } }),
  );
  assert.deepEqual(
    records.map((r) => r.kind === "qa" && [r.id, r.answer, r.answer_start]),
    [
      ["U1", "2001", 30],
      ["U2", "2001", 30],
      ["U3", "Koei", 38],
    ],
  );
  assert.deepEqual(
    [...notes],
    [
      ["squad: answer_start counted in code points", 1],
      ["squad: answer_start moved to the answer a few characters away", 1],
    ],
  );
  assert.deepEqual(
    rejections.map((r) => [r.location.line, r.reason]),
    [
      [4, 'squad: answer_start "40" is not a non-negative integer'],
      [5, "squad: question has no answers list (keys: id, question, answer)"],
      [6, "squad: article 1 has no paragraphs list (keys: title, paragraph)"],
      [7, "squad: article 2 paragraph 0 lacks a context string or a qas list (keys: context, qa)"],
    ],
  );
});
