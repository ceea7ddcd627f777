import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { assertReadsBack } from "../../test/support/answer-equality.ts";
import { generateCorpus } from "../../test/support/generated-records.ts";
import { CanonicalRecord, LabelSet, spanProblems } from "../records/index.ts";
import { planInstructions } from "../synth/basic.ts";
import { OutputShapeError, TASKS } from "../tasks/index.ts";
import { restoreEmptyValues } from "./empty-values.ts";
import {
  FORMATS,
  formatByName,
  hasVariantFormat,
  parseAnyFormat,
  sameAnswer,
  variantFormats,
} from "./index.ts";

const OPTIONS = { seed: 7, negativeRatio: 1, schemaOrder: "sorted" as const };

/** Every planned instruction of a generated corpus: record, task, chunk and answer. */
function plansOf(seed: number, count = 24) {
  const { records, labels } = generateCorpus(count, seed);
  return records.flatMap((record) =>
    planInstructions(record, record.id!, labels.get(record.source)!, OPTIONS),
  );
}

test("generated records are valid canonical records whose spans occur in their text", () => {
  for (const record of generateCorpus(400, 3).records) {
    assert.ok(CanonicalRecord.safeParse(record).success, JSON.stringify(record));
    assert.deepEqual(spanProblems(record), [], JSON.stringify(record));
  }
});

test("every format that fits a task renders an output that parses back to the label", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
      for (const plan of plansOf(seed)) {
        for (const format of FORMATS.filter((f) => f.fits(plan.task, plan.chunk))) {
          const text = format.render(plan.task, plan.answer, plan.chunk);
          const where = `${plan.task.name} ${format.name}: ${text}`;
          const { task, chunk, answer } = plan;
          assertReadsBack(task, chunk, format.parse(task, text, chunk), answer, where);
          assertReadsBack(task, chunk, parseAnyFormat(task, text, chunk), answer, `any ${where}`);
        }
      }
    }),
    { numRuns: 60 },
  );
});

test("every task but IG has a format variant; NER's variants are the ones listed", () => {
  const seen = new Map<string, Set<string>>();
  for (const plan of plansOf(11, 200)) {
    const names = seen.get(plan.task.name) ?? new Set();
    for (const format of variantFormats(plan.task, plan.chunk)) names.add(format.name);
    seen.set(plan.task.name, names);
  }
  for (const task of TASKS) {
    if (task.name === "IG") assert.equal(seen.get("IG")?.size ?? 0, 0);
    else assert.ok((seen.get(task.name)?.size ?? 0) > 0, `${task.name} has no variant`);
  }
  assert.deepEqual([...seen.get("NER")!].sort(), [
    "json-empty-string",
    "json-nan",
    "json-omit-empty",
    "label-lines",
    "markdown",
    "output-format",
    "python-calls",
    "rows",
    "tuple-lines",
  ]);
});

test("parseAnyFormat throws only OutputShapeError, whatever the text", () => {
  const plans = plansOf(5, 16);
  fc.assert(
    fc.property(fc.string(), fc.nat(plans.length - 1), (text, index) => {
      const { task, chunk } = plans[index];
      try {
        parseAnyFormat(task, text, chunk);
      } catch (error) {
        assert.ok(error instanceof OutputShapeError, String(error));
      }
    }),
    { numRuns: 500 },
  );
});

test("parsing tolerates fences, header spacing and loose whitespace", () => {
  const ner = TASKS.find((t) => t.name === "NER")!;
  const re = TASKS.find((t) => t.name === "RE")!;
  const chunk = { labels: ["person", "award"] };
  const answer = { person: [], award: ["Turing Award"] };
  assert.deepEqual(parseAnyFormat(ner, '```json\n{"award": ["Turing Award"]}\n```', chunk), answer);
  assert.deepEqual(parseAnyFormat(ner, '  {"person": "NAN", "award": ["Turing Award"]} ', chunk), answer);
  assert.deepEqual(parseAnyFormat(ner, "person:\naward:  Turing Award  ", chunk), answer);
  const kill = { labels: ["kill"] };
  const table =
    "| subject |predicate | object |\n| --- | --- |\n| Sirhan Sirhan| kill | Robert F. Kennedy | ";
  assert.deepEqual(parseAnyFormat(re, table, kill), {
    kill: [{ subject: "Sirhan Sirhan", object: "Robert F. Kennedy" }],
  });
  assert.deepEqual(parseAnyFormat(re, "(Sirhan Sirhan,kill,  Robert F. Kennedy)\n", kill), {
    kill: [{ subject: "Sirhan Sirhan", object: "Robert F. Kennedy" }],
  });
  assert.deepEqual(
    formatByName("markdown").render(re, { kill: [] }, kill),
    "| subject | predicate | object |\n| --- | --- | --- |",
  );
});

test("an answer a flat format cannot write faithfully is never offered that format", () => {
  const record = CanonicalRecord.parse({
    kind: "events",
    source: "layoffs",
    lang: "en",
    text: "The firm laid off 20 staff in May and laid off 30 staff in June.",
    events: [
      {
        type: "layoff",
        trigger: "laid off",
        arguments: [
          { role: "number", text: "20" },
          { role: "date", text: "May" },
        ],
      },
      {
        type: "layoff",
        trigger: "laid off",
        arguments: [
          { role: "number", text: "30" },
          { role: "date", text: "June" },
        ],
      },
    ],
  });
  const labels = LabelSet.parse({ events: [{ type: "layoff", roles: ["date", "number"] }] });
  const ee = planInstructions(record, "r1", labels, OPTIONS).find((plan) => plan.task.name === "EE")!;
  const offered = variantFormats(ee.task, ee.chunk, ee.answer).map((format) => format.name);
  const everyFitting = variantFormats(ee.task, ee.chunk).map((format) => format.name);
  assert.ok(everyFitting.includes("rows"), "rows fits EE in general");
  assert.ok(!offered.includes("rows"), "but cannot tell the two events apart");
  for (const name of offered) {
    const format = formatByName(name)!;
    assert.deepEqual(format.parse(ee.task, format.render(ee.task, ee.answer, ee.chunk), ee.chunk), ee.answer);
  }
});

test("sameAnswer ignores key order and nothing else", () => {
  assert.ok(sameAnswer({ a: ["x", "y"], b: { c: 1 } }, { b: { c: 1 }, a: ["x", "y"] }));
  assert.ok(sameAnswer(Number.NaN, Number.NaN));
  assert.ok(!sameAnswer({ a: ["x", "y"] }, { a: ["y", "x"] }), "list order counts");
  assert.ok(!sameAnswer({ a: [] }, {}), "a missing key is not an empty one");
  assert.ok(!sameAnswer({ a: undefined }, {}), "an undefined key is still a key");
  assert.ok(!sameAnswer({}, { a: undefined }));
  assert.ok(!sameAnswer([], {}));
  assert.ok(!sameAnswer({ 0: "x" }, ["x"]));
  assert.ok(!sameAnswer(0, -0), "compared as isDeepStrictEqual compares");
  assert.ok(!sameAnswer(null, {}));
  assert.ok(!sameAnswer("1", 1));
});

test("hasVariantFormat says whether variantFormats names any, for every planned instruction", () => {
  for (const seed of [1, 2, 3])
    for (const plan of plansOf(seed, 40)) {
      const expected = variantFormats(plan.task, plan.chunk, plan.answer).length > 0;
      assert.equal(hasVariantFormat(plan.task, plan.chunk, plan.answer), expected, plan.task.name);
      assert.equal(hasVariantFormat(plan.task, plan.chunk), variantFormats(plan.task, plan.chunk).length > 0);
    }
});

test("restoring empty values copies an answer only when it has something to restore", () => {
  const ner = TASKS.find((t) => t.name === "NER")!;
  const kept = { person: ["Ada"], award: [] };
  assert.equal(restoreEmptyValues(ner, kept), kept);
  assert.deepEqual(restoreEmptyValues(ner, { person: "NAN", award: null, city: " none " }), {
    person: [],
    award: [],
    city: [],
  });
  // An own __proto__ key was always left out by the copy; it still is.
  const odd = JSON.parse('{"person": ["Ada"], "__proto__": ["x"]}');
  const restored = restoreEmptyValues(ner, odd) as Record<string, unknown>;
  assert.notEqual(restored, odd);
  assert.equal(Object.hasOwn(restored, "__proto__"), false);
  assert.deepEqual(restored.person, ["Ada"]);
});
