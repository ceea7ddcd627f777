import assert from "node:assert/strict";
import { test } from "node:test";
import { isDeepStrictEqual } from "node:util";
import { generateCorpus, generatedDictionary } from "../../test/support/generated-records.ts";
import { lintInstruction } from "../lint/index.ts";
import type { CanonicalRecord, LabelSet } from "../records/index.ts";
import { parseRuleFile } from "../rules/index.ts";
import { SeededRandom } from "../util/seeded-random.ts";
import { planInstructions } from "./basic.ts";
import { createCompoundSynthesis } from "./compound.ts";
import { defaultCompoundOptions } from "./config.ts";
import { examplePoolOf } from "./example-pool.ts";
import { llmRules } from "./llm-rules.ts";
import { mechanicalRules } from "./mechanical-rules.ts";

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

test("mechanical rules reach EE, and LLM rules written for RE and EET serve SPO and EE of the same record", () => {
  const { records, labels } = generateCorpus(400, 9, ["relations", "events"]);
  const tasks = new Set<string>();
  let borrowed = 0;
  for (const record of records)
    for (const plan of planInstructions(record, record.id!, labels.get(record.source)!, BASIC)) {
      for (const rule of mechanicalRules(plan, () => undefined, new SeededRandom(plan.index)))
        tasks.add(`${plan.task.name}/${rule.strategy}`);
      if (plan.task.name !== "SPO" && plan.task.name !== "EE") continue;
      const answer = plan.answer as Record<
        string,
        Array<{ trigger?: string; subject?: string; object?: string }>
      >;
      const label = plan.chunk.labels.find((l) => (answer[l]?.length ?? 0) >= 2);
      if (!label) continue;
      const sibling = plan.task.name === "SPO" ? "RE" : "EET";
      const kept = plan.task.name === "SPO" ? [answer[label][0]] : [answer[label][0].trigger];
      const line = JSON.stringify({
        source: record.source,
        record_id: plan.recordId,
        task: sibling,
        label,
        strategy: "numerical",
        new_rule: "Extract only the first one.",
        new_labels: kept,
      });
      const [rule] = llmRules(plan, parseRuleFile(line));
      if (plan.task.name === "EE" && new Set(answer[label].map((e) => e.trigger)).size < answer[label].length)
        continue;
      assert.ok(rule, `${plan.task.name} did not take the ${sibling} rule`);
      assert.equal((rule.answer as Record<string, unknown[]>)[label].length, 1);
      borrowed++;
    }
  assert.ok(tasks.has("EE/numerical"), [...tasks].join(", "));
  assert.ok(tasks.has("SPO/reverse") || tasks.has("SPO/numerical"));
  assert.ok(borrowed > 5, `${borrowed} borrowed rules`);
});

test("mechanical rules reach EEA and KGE: only the first or last values of a multi-valued role, examples following", () => {
  const { records, labels } = generateCorpus(600, 11, ["events", "graph"]);
  const dictionary = generatedDictionary(records);
  const counts = new Map<string, number>();
  const plans = [];
  for (const record of records)
    for (const plan of planInstructions(record, record.id!, labels.get(record.source)!, BASIC)) {
      if (plan.task.name !== "EEA" && plan.task.name !== "KGE") continue;
      plans.push(plan);
      for (const rule of mechanicalRules(plan, () => undefined, new SeededRandom(plan.index))) {
        counts.set(plan.task.name, (counts.get(plan.task.name) ?? 0) + 1);
        assert.equal(rule.strategy, "numerical");
        assert.ok(!isDeepStrictEqual(rule.answer, plan.answer), rule.sentence);
        for (const span of strings(rule.answer)) assert.ok((record as { text: string }).text.includes(span));
        // Following the rule is what the target did; following it twice changes nothing more.
        assert.deepEqual(rule.follow!(plan.answer as Record<string, unknown>), rule.answer);
        assert.deepEqual(rule.follow!(rule.answer as Record<string, unknown>), rule.answer);
      }
    }
  assert.ok((counts.get("EEA") ?? 0) > 5 && (counts.get("KGE") ?? 0) > 5, JSON.stringify([...counts]));

  // Through the compound builder, with guidelines (examples) and rules: every instruction lints clean.
  const options = { ...defaultCompoundOptions(1), ratio: 1, dictionary, pool: examplePoolOf(records, 11) };
  options.strategyShares = { guidelines: 1, rules: 1, format: 0.5 };
  const written = createCompoundSynthesis(options).expand(plans);
  const ruled = written.filter((w) => w.strategies.includes("rules"));
  assert.ok(ruled.some((w) => w.task === "EEA") && ruled.some((w) => w.task === "KGE"));
  for (const instruction of ruled)
    assert.deepEqual(lintInstruction(instruction), {}, instruction.instruction);
  const withExamples = ruled.filter((w) => w.instruction.includes('"example": ['));
  assert.ok(withExamples.length > 5, `${withExamples.length} ruled instructions kept an example`);
});
