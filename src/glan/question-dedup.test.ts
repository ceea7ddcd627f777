import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeQuestion, QuestionDeduplicator } from "./index.ts";

test("the same text after normalisation is a duplicate anywhere in the run", () => {
  const dedup = new QuestionDeduplicator(0.8);
  assert.equal(dedup.check("a/q1", "a", "What is a group?"), null);
  assert.deepEqual(dedup.check("b/q1", "b", "  what IS a ＧＲＯＵＰ ! "), {
    duplicateOf: "a/q1",
    similarity: 1,
  });
  assert.equal(normalizeQuestion("Prove: 2+2 = 4."), "prove 2 2 4");
});

test("near-identical questions of one syllabus are dropped; distinct ones and other syllabi are kept", () => {
  const dedup = new QuestionDeduplicator(0.6);
  const base = "Explain why every finite group of prime order is cyclic and give an example of such a group";
  assert.equal(dedup.check("a/q1", "a", base), null);
  const near = dedup.check("a/q2", "a", `${base} please`);
  assert.equal(near?.duplicateOf, "a/q1");
  assert.ok(near!.similarity >= 0.6 && near!.similarity < 1);
  assert.equal(
    dedup.check("a/q3", "a", "Compute the determinant of a 3 by 3 matrix with entries 1 to 9"),
    null,
  );
  assert.equal(dedup.check("b/q1", "b", `${base} please`), null, "another syllabus is not compared");
});

test("text without spaces is compared on character trigrams", () => {
  const dedup = new QuestionDeduplicator(0.7);
  assert.equal(dedup.check("a/q1", "a", "请解释为什么每个素数阶的有限群都是循环群并举例说明"), null);
  assert.equal(
    dedup.check("a/q2", "a", "请解释为什么每一个素数阶的有限群都是循环群并举例说明")?.duplicateOf,
    "a/q1",
  );
  assert.equal(dedup.check("a/q3", "a", "计算三阶矩阵的行列式"), null);
});
