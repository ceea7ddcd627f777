import assert from "node:assert/strict";
import { readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import { reviewFixture } from "../../test/support/review-fixture.ts";
import { loadDictionary } from "../dictionary/index.ts";
import { loadRuleFile } from "../rules/index.ts";
import { ConflictError, openReview } from "./index.ts";

const clock = () => new Date("2026-03-01T10:00:00.000Z");
const key = (source: string, label: string) => `0:${source}\u0000${label}`;

async function open() {
  const fixture = reviewFixture();
  const store = await openReview(
    {
      dictionaries: [fixture.dictionary],
      rules: [fixture.rules],
      items: [fixture.subjects],
      inputs: [{ path: fixture.entities }],
    },
    { reviewer: "grace", clock },
  );
  return { fixture, store };
}

test("every dictionary label, rule and GLAN item is an item, unreviewed at first", async () => {
  const { store } = await open();
  const items = store.items();
  const byKind = (kind: string) => items.filter((i) => i.kind === kind).length;
  assert.equal(byKind("rule"), 2);
  assert.equal(byKind("glan"), 3);
  assert.ok(byKind("dictionary") > 20);
  assert.ok(items.every((i) => i.status === "unreviewed"));
  const person = items.find((i) => i.id === key("example_news", "person"))!;
  const corpus = (person.content as { corpus: { text: string; highlights: string[] }[] }).corpus;
  assert.ok(corpus.length > 0, "corpus sentences come from --input");
  for (const sentence of corpus)
    for (const span of sentence.highlights) assert.ok(sentence.text.includes(span));
  const rule = items.find((i) => i.kind === "rule" && i.label === "person")!;
  assert.deepEqual((rule.content as { original_labels: unknown }).original_labels, [
    "Ada Lovelace",
    "Charles Babbage",
  ]);
});

test("accept, edit and reject are written to the dictionary at once, stamped with who and when", async () => {
  const { fixture, store } = await open();
  store.decide({ id: key("example_news", "person"), decision: "accepted" });
  store.decide({
    id: key("example_news", "location"),
    decision: "edited",
    edits: { descriptions: ["  A place on a map.  ", ""], synonyms: ["place"] },
    note: "shorter",
  });
  store.decide({ id: key("example_news", "money"), decision: "rejected", note: "too vague" });
  const saved = loadDictionary(fixture.dictionary).sources.example_news.labels;
  assert.equal(saved.person.reviewed, true);
  assert.deepEqual(saved.person.review, {
    decision: "accepted",
    by: "grace",
    at: "2026-03-01T10:00:00.000Z",
  });
  assert.equal(saved.location.reviewed, true);
  assert.deepEqual(saved.location.descriptions, ["A place on a map."]);
  assert.deepEqual(saved.location.synonyms, ["place"]);
  assert.equal(saved.location.review?.note, "shorter");
  assert.equal(saved.money.reviewed, false);
  assert.equal(saved.money.review?.decision, "rejected");
  assert.equal(saved.money.review?.note, "too vague");
  assert.equal(saved.date.review, undefined);
  assert.deepEqual(
    readdirSync(fixture.dir).filter((name) => name.endsWith(".tmp")),
    [],
    "no temporary file is left behind",
  );
});

test("rule decisions rewrite only their line; synth's loader keeps accepted rules and drops rejected ones", async () => {
  const { fixture, store } = await open();
  const before = readFileSync(fixture.rules, "utf8").split("\n");
  const rules = store.items().filter((i) => i.kind === "rule");
  store.decide({ id: rules[1].id, decision: "rejected", note: "the annotation guideline says otherwise" });
  const after = readFileSync(fixture.rules, "utf8").split("\n");
  assert.equal(after[0], before[0], "an untouched line keeps its bytes");
  assert.equal(JSON.parse(after[1]).review.decision, "rejected");
  assert.equal(loadRuleFile(fixture.rules).size, 1, "a rejected rule is never used");
  assert.equal(loadRuleFile(fixture.rules, { reviewedOnly: true }).size, 0, "nothing accepted yet");
  store.decide({ id: rules[0].id, decision: "accepted" });
  const accepted = loadRuleFile(fixture.rules, { reviewedOnly: true });
  assert.deepEqual(
    [...accepted.values()].flat().map((r) => r.label),
    ["person"],
  );
});

test("an edited rule must keep its labels in the record's text", async () => {
  const { store } = await open();
  const rule = store.items().find((i) => i.kind === "rule" && i.label === "person")!;
  assert.throws(
    () => store.decide({ id: rule.id, decision: "edited", edits: { new_labels: ["Alan Turing"] } }),
    /not in the text: "Alan Turing"/,
  );
  const edited = store.decide({
    id: rule.id,
    decision: "edited",
    edits: { new_rule: "Only the second person.", new_labels: ["Charles Babbage"] },
  });
  assert.equal(edited.status, "edited");
  assert.equal((edited.content as { new_rule: string }).new_rule, "Only the second person.");
});

test("GLAN items keep their id when edited; a reject is stamped and unflags them", async () => {
  const { fixture, store } = await open();
  const subjects = store.items().filter((i) => i.kind === "glan");
  assert.deepEqual(
    subjects.map((s) => [s.title, s.source, s.label, s.strategy]),
    [
      ["Linear algebra", "Mathematics", "undergraduate", "subjects"],
      ["Number theory", "Mathematics", "graduate", "subjects"],
      ["Organic chemistry", "Chemistry", "undergraduate", "subjects"],
    ],
  );
  store.decide({
    id: subjects[0].id,
    decision: "edited",
    edits: {
      object: { id: "changed", discipline: "Mathematics", subject: "Linear algebra I", reviewed: false },
    },
  });
  store.decide({ id: subjects[2].id, decision: "rejected" });
  const lines = readFileSync(fixture.subjects, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(lines[0].id, "subj-1");
  assert.equal(lines[0].subject, "Linear algebra I");
  assert.equal(lines[0].level, undefined, "an edit replaces the item's fields");
  assert.equal(lines[0].reviewed, true);
  assert.equal(lines[1].reviewed, false);
  assert.equal(lines[1].review, undefined);
  assert.equal(lines[2].reviewed, false);
  assert.equal(lines[2].review.decision, "rejected");
});

test("a file changed by someone else since it was read is not overwritten", async () => {
  const { fixture, store } = await open();
  writeFileSync(fixture.subjects, `${readFileSync(fixture.subjects, "utf8")}`);
  utimesSync(fixture.subjects, new Date(0), new Date(0));
  const subject = store.items().find((i) => i.kind === "glan")!;
  assert.throws(() => store.decide({ id: subject.id, decision: "accepted" }), ConflictError);
});

test("bad requests and bad files are refused with a reason", async () => {
  const { fixture, store } = await open();
  assert.throws(() => store.decide({ id: "9:x", decision: "accepted" }), /no item/);
  assert.throws(
    () => store.decide({ id: key("example_news", "person"), decision: "maybe" as never }),
    /decision/,
  );
  writeFileSync(fixture.subjects, '{"id": "a", "reviewed": false}\n{"reviewed": false}\n');
  await assert.rejects(
    openReview({ items: [fixture.subjects] }, { reviewer: "grace" }),
    /subjects\.jsonl:2: no string "id"/,
  );
  await assert.rejects(openReview({}, { reviewer: "grace" }), /nothing to review/);
});
