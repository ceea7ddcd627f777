import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import { conllReader } from "./conll.ts";

test("token-first tab file: BOM, -DOCSTART-, comments, empty sentences, I- without B-, touching spans", async () => {
  const { records, rejections } = await readAll(
    conllReader.read(fixture("conll/token-tag.txt"), { source: "demo" }),
  );
  assert.equal(records.length, 2);
  const [first, second] = records;
  assert.equal(first.kind === "entities" && first.text, "Ada Lovelace wrote notes .");
  assert.deepEqual(first.kind === "entities" && first.entities, [
    { text: "Ada Lovelace", type: "person", start: 0, end: 12 },
    { text: "notes", type: "misc", start: 19, end: 24 },
  ]);
  assert.deepEqual(second.kind === "entities" && second.entities.map((e) => e.text), ["Paris", "London"]);
  assert.equal(first.source, "demo");
  assert.equal(rejections.length, 1);
  assert.match(rejections[0].reason, /^conll: line 17 has no token and tag columns/);
  assert.equal(rejections[0].location.line, 15);
});

test("tag-first CRLF file (MIT Movie)", async () => {
  const { records, rejections } = await readAll(conllReader.read(fixture("conll/tag-token-crlf.bio"), {}));
  assert.equal(rejections.length, 0);
  assert.deepEqual(
    records.map((r) => r.kind === "entities" && [r.text, r.entities.map((e) => `${e.type}:${e.text}`)]),
    [
      ["i need aliens invading earth", ["Plot:aliens invading earth"]],
      ["tom hanks movies", ["Actor:tom hanks"]],
    ],
  );
});

test("four space-separated columns with IOB1 tags (SciERC NER)", async () => {
  const { records } = await readAll(conllReader.read(fixture("conll/iob1-four-columns.txt"), {}));
  assert.equal(records.length, 1);
  const record = records[0];
  assert.deepEqual(record.kind === "entities" && record.entities.map((e) => `${e.type}:${e.text}`), [
    "Method:algorithm",
    "Task:machine translation",
    "Metric:fast",
    "Metric:speed",
  ]);
});

test("CoNLL: a sentence with several bad lines reports every one of them", async () => {
  const { records, rejections } = await readAll(conllReader.read(fixture("conll/bad-lines.txt"), {}));
  assert.equal(records.length, 1);
  assert.equal(rejections.length, 1);
  assert.equal(
    rejections[0].reason,
    'conll: line 3 has no token and tag columns: "wrote"; line 5 has no token and tag columns: "about"',
  );
});

test("CoNLL --detokenize: PTB escapes, quotes and punctuation joined as written, spans remapped and verified", async () => {
  const path = fixture("conll/ptb-tokens.txt");
  const plain = await readAll(conllReader.read(path, {}));
  assert.match(
    plain.records[0].kind === "entities" ? plain.records[0].text : "",
    /^`` Mr \. Smith Jr '' -LRB- of/,
  );
  const { records, rejections } = await readAll(conllReader.read(path, { detokenize: true }));
  assert.equal(rejections.length, 0);
  const record = records[0];
  assert.equal(record.kind, "entities");
  if (record.kind !== "entities") return;
  assert.equal(record.text, '"Mr. Smith Jr" (of the U.S.) said he doesn\'t know, costs rose 5% to $3.');
  assert.deepEqual(
    record.entities.map((e) => [e.text, e.type, record.text.slice(e.start, e.end)]),
    [
      ["Smith Jr", "person", "Smith Jr"],
      ["U.S.", "location", "U.S."],
    ],
  );
});
