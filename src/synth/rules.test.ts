import assert from "node:assert/strict";
import { test } from "node:test";
import { isDeepStrictEqual } from "node:util";
import type { CanonicalRecord, LabelSet } from "../records/index.ts";
import { SeededRandom } from "../util/seeded-random.ts";
import { planInstructions } from "./basic.ts";
import { createCompoundSynthesis } from "./compound.ts";
import { defaultCompoundOptions } from "./compound-options.ts";
import { generateCorpus, generatedDictionary } from "./generated-records.ts";
import { llmRules } from "./llm-rules.ts";
import { mechanicalRules } from "./mechanical-rules.ts";
import { parseRuleFile } from "./rule-file.ts";

const BASIC = { seed: 2, negativeRatio: 1, schemaOrder: "sorted" as const };

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

test("mechanical rules always change the answer and keep every span in the text", () => {
  const { records, labels } = generateCorpus(800, 8, ["entities", "relations", "events"]);
  const dictionary = generatedDictionary(records);
  const seen = new Set<string>();
  for (const record of records)
    for (const plan of planInstructions(record, record.id!, labels.get(record.source)!, BASIC)) {
      const inverse = (label: string) => dictionary.sources[record.source]?.labels[label]?.inverse;
      for (const rule of mechanicalRules(plan, inverse, new SeededRandom(plan.index))) {
        seen.add(rule.strategy);
        assert.ok(!isDeepStrictEqual(rule.answer, plan.answer), rule.strategy);
        for (const span of strings(rule.answer)) assert.ok((record as { text: string }).text.includes(span));
        assert.ok(rule.chunk.labels.includes(rule.label));
      }
    }
  assert.deepEqual([...seen].sort(), ["nesting", "numerical", "punctuation", "reverse"]);
});

test("an LLM rule from the rules file applies to its record and label only when it changes something", () => {
  const record: CanonicalRecord = {
    kind: "entities",
    id: "r1",
    source: "news",
    lang: "en",
    text: "Dr. Ada Lovelace met Charles Babbage.",
    entities: [
      { text: "Dr. Ada Lovelace", type: "person" },
      { text: "Charles Babbage", type: "person" },
    ],
  };
  const labels: LabelSet = { entities: ["person"], relations: [], events: [], classes: [], graph: [] };
  const line = (newLabels: unknown, recordId = "r1") =>
    JSON.stringify({
      source: "news",
      record_id: recordId,
      task: "NER",
      label: "person",
      strategy: "entity boundaries",
      description: "A named person.",
      original_rule: "Extract people with their titles.",
      new_rule: "Extract people without titles such as Dr.",
      new_labels: newLabels,
    });
  const book = parseRuleFile(
    [
      line(["Ada Lovelace", "Charles Babbage"]),
      line(["Dr. Ada Lovelace", "Charles Babbage"]),
      line(["Nobody"]),
      line(["x"], "r2"),
    ].join("\n"),
  );
  const [plan] = planInstructions(record, "r1", labels, BASIC);
  const rules = llmRules(plan, book);
  assert.equal(rules.length, 1);
  assert.deepEqual(rules[0].answer, { person: ["Ada Lovelace", "Charles Babbage"] });

  const options = { ...defaultCompoundOptions(1), ratio: 1, rules: book };
  options.strategyShares = { guidelines: 0, rules: 1, format: 0 };
  const [written] = createCompoundSynthesis(options).expand([plan]);
  assert.deepEqual(written.strategies, ["rules"]);
  assert.deepEqual(written.label, { person: ["Ada Lovelace", "Charles Babbage"] });
  const schema = JSON.parse(written.instruction).schema;
  assert.deepEqual(schema, [
    {
      entity_type: "person",
      description: "A named person.",
      rule: "Extract people without titles such as Dr.",
    },
  ]);
  assert.throws(() => parseRuleFile('{"source": "x"}', "rules.jsonl"), /rules\.jsonl:1/);
});
