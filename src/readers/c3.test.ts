import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import { c3Reader } from "./c3.ts";

test("C3 (CRLF JSON): one multiple-choice qa record per question", async () => {
  const { records, rejections } = await readAll(c3Reader.read(fixture("c3.json"), {}));
  assert.deepEqual(records, [
    {
      kind: "qa",
      id: "c3/1-1#0",
      source: "c3",
      lang: "zh",
      text: "男：你去哪儿？\n女：去学校。",
      question: "女的去哪儿？",
      answer: "学校",
      choices: ["学校", "医院"],
    },
  ]);
  assert.equal(rejections.length, 1);
  assert.match(rejections[0].reason, /^span: answer: "丙" is not one of the choices/);
  assert.equal(rejections[0].location.line, 2);
});
