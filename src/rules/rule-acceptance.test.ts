import assert from "node:assert/strict";
import { test } from "node:test";
import { judgeRule } from "./rule-acceptance.ts";
import type { RuleCandidate } from "./rule-candidate.ts";
import type { RuleAnswer } from "./rule-prompt.ts";
import { strategyByName } from "./strategies.ts";

const relation: RuleCandidate = {
  source: "films",
  recordId: "f1",
  lang: "en",
  task: "RE",
  text: "James Cameron directed Avatar.",
  label: "directed",
  spans: ["James Cameron", "Avatar"],
  pairs: [{ subject: "James Cameron", object: "Avatar" }],
  allSpans: ["James Cameron", "Avatar"],
};

const entity: RuleCandidate = {
  ...relation,
  task: "NER",
  text: "Apple Inc. hired Tim Cook.",
  label: "organization",
  spans: ["Apple Inc."],
  pairs: null,
  allSpans: ["Apple Inc.", "Tim Cook"],
};

function answer(newLabels: unknown[], newRule = "A new rule."): RuleAnswer {
  return { schema_description: "", original_rule: "", new_rule: newRule, new_labels: newLabels };
}

test("a reverse rule must swap pairs the record has", () => {
  const reverse = strategyByName("reverse");
  const swapped = judgeRule(relation, reverse, answer([{ subject: "Avatar", object: "James Cameron" }]));
  assert.deepEqual(swapped, { ok: true, newLabels: [{ subject: "Avatar", object: "James Cameron" }] });
  const other = judgeRule(relation, reverse, answer([{ subject: "Avatar", object: "Cameron" }]));
  assert.equal(other.ok === false && other.reason, "not_reversed");
});

test("pairs are checked on both ends; spans are trimmed and deduplicated", () => {
  const numerical = strategyByName("numerical");
  for (const pair of [
    { subject: "Avatar", object: "Titanic" },
    { subject: "Titanic", object: "Avatar" },
  ]) {
    const missing = judgeRule(relation, numerical, answer([pair]));
    assert.equal(missing.ok === false && missing.reason, "label_not_in_text", JSON.stringify(pair));
  }
  const boundaries = strategyByName("boundaries");
  assert.deepEqual(judgeRule(entity, boundaries, answer([" Apple ", "Apple"])), {
    ok: true,
    newLabels: ["Apple"],
  });
});

test("empty labels, empty rules and unchanged labels are rejected", () => {
  const boundaries = strategyByName("boundaries");
  const reasons = [
    judgeRule(entity, boundaries, answer([""])),
    judgeRule(entity, boundaries, answer(["Apple"], "  ")),
    judgeRule(entity, boundaries, answer(["Apple Inc.", "Apple Inc."])),
  ].map((verdict) => (verdict.ok ? "accepted" : verdict.reason));
  assert.deepEqual(reasons, ["empty_label", "empty_rule", "unchanged"]);
});

test("an empty new label list is a change and can be accepted (no span left under a narrower rule)", () => {
  assert.deepEqual(judgeRule(entity, strategyByName("granularity"), answer([])), { ok: true, newLabels: [] });
});
