import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { anyRecord } from "../../test/support/generated-records.ts";
import { parseRecordLine, validateRecord } from "./parse-record.ts";
import type { CanonicalRecord } from "./record.ts";
import { fieldProblems, spanProblems } from "./spans.ts";

const entities = {
  kind: "entities",
  source: "s",
  lang: "en",
  text: "Ada met Bob in Rome.",
  entities: [{ text: "Rome", type: "city", start: 15, end: 19 }],
};

test("a valid record of each kind is accepted", () => {
  const records = [
    entities,
    {
      kind: "relations",
      source: "s",
      lang: "en",
      text: "A likes B",
      relations: [{ subject: "A", relation: "likes", object: "B" }],
    },
    {
      kind: "events",
      source: "s",
      lang: "zh",
      text: "公司收购了工厂",
      events: [{ type: "收购", trigger: "收购", arguments: [{ role: "收购方", text: "公司" }] }],
    },
    {
      kind: "tuples",
      source: "s",
      lang: "en",
      text: "A likes B",
      tuples: [{ subject: "A", predicate: "likes", object: "B" }],
    },
    {
      kind: "graph",
      source: "s",
      lang: "en",
      text: "Film X by Y",
      entities: [{ type: "Works", name: "Film X", attributes: { director: "Y" } }],
    },
    { kind: "qa", source: "s", lang: "en", text: "The sky is blue.", question: "Colour?", answer: "blue" },
    {
      kind: "qa",
      source: "s",
      lang: "en",
      text: "Talk.",
      question: "Who?",
      answer: "b",
      choices: ["a", "b"],
    },
    { kind: "qa", source: "s", lang: "en", text: "Talk.", question: "Who?", answer: null },
    { kind: "classification", source: "s", lang: "en", text: "Great film", label: "positive" },
    { kind: "chat", source: "s", lang: "en", instruction: "Say hi", output: "hi" },
  ];
  for (const record of records) {
    const result = validateRecord(record);
    assert.ok(result.ok, `${record.kind}: ${result.ok ? "" : result.reason}`);
  }
});

test("unparseable JSON is rejected with the parser's reason", () => {
  const result = parseRecordLine('{"kind": "entities",');
  assert.equal(result.ok, false);
  assert.match(result.ok ? "" : result.reason, /^invalid JSON: /);
});

test("schema violations name the field", () => {
  const result = validateRecord({ ...entities, lang: "fr" });
  assert.equal(result.ok, false);
  assert.match(result.ok ? "" : result.reason, /^schema: lang: /);
  const missing = validateRecord({ kind: "entities", source: "s", lang: "en", text: "x" });
  assert.match(missing.ok ? "" : missing.reason, /entities/);
  const unknownKind = validateRecord({ kind: "poems", source: "s", lang: "en" });
  assert.match(unknownKind.ok ? "" : unknownKind.reason, /^schema: kind/);
});

test("a span that does not occur in the text is rejected, never fixed", () => {
  const result = validateRecord({ ...entities, entities: [{ text: "Paris", type: "city" }] });
  assert.equal(result.ok, false);
  assert.match(result.ok ? "" : result.reason, /entities\[0\]\.text: span "Paris" does not occur in text/);
});

test("offsets must point at the span", () => {
  const result = validateRecord({
    ...entities,
    entities: [{ text: "Rome", type: "city", start: 14, end: 18 }],
  });
  assert.match(result.ok ? "" : result.reason, /offset 14-18 holds " Rom", not "Rome"/);
  const noStart = validateRecord({ ...entities, entities: [{ text: "Rome", type: "city", end: 19 }] });
  assert.match(noStart.ok ? "" : noStart.reason, /end given without start/);
});

test("multiple-choice answers must be one of the choices; blank labels are refused", () => {
  const choice = validateRecord({
    kind: "qa",
    source: "s",
    lang: "en",
    text: "T",
    question: "Q",
    answer: "c",
    choices: ["a", "b"],
  });
  assert.match(choice.ok ? "" : choice.reason, /not one of the choices/);
  const blank = validateRecord({ ...entities, entities: [{ text: "Rome", type: " " }] });
  assert.equal(blank.ok, false);
});

test("offsets count UTF-16 units; a span that splits a surrogate pair is rejected", () => {
  const text = "Play 🎮 now";
  const whole = validateRecord({
    ...entities,
    text,
    entities: [{ text: "🎮", type: "thing", start: 5, end: 7 }],
  });
  assert.ok(whole.ok);
  const half = validateRecord({
    ...entities,
    text,
    entities: [{ text: "\uDFAE now", type: "thing", start: 6 }],
  });
  assert.match(half.ok ? "" : half.reason, /splits a character outside the Basic Multilingual Plane/);
});

/** Fields that hold no span: a changed value there moves no span out of the text. */
const NOT_SPANS = new Set(["kind", "source", "lang", "id", "text", "type", "relation", "role", "question"]);

test("the quick span check agrees with the field-by-field one, offsets and spans right or wrong", () => {
  // Every offset of a generated record moved by -2..2 (or dropped), and some span values given a
  // character the text lacks, so some spans hold and some do not.
  const shifted = fc
    .tuple(anyRecord, fc.array(fc.integer({ min: -3, max: 2 }), { minLength: 1, maxLength: 8 }))
    .map(([record, shifts]) => {
      let i = 0;
      const shift = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(shift);
        if (typeof value !== "object" || value === null) return value;
        const copy: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) {
          const by = shifts[i++ % shifts.length];
          if (typeof item === "number" && /start|end/.test(key)) {
            if (by !== -3) copy[key] = Math.max(0, item + by);
          } else if (typeof item === "string" && !NOT_SPANS.has(key) && by === 2) copy[key] = `${item}¤`;
          else copy[key] = shift(item);
        }
        return copy;
      };
      return shift(record) as CanonicalRecord;
    });
  fc.assert(
    fc.property(shifted, (record) => {
      if (record.kind === "chat" || record.kind === "classification") return;
      if (record.kind === "qa" && record.choices) return;
      assert.deepEqual(spanProblems(record), fieldProblems(record));
    }),
    { numRuns: 600 },
  );
});
