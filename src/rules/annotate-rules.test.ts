import assert from "node:assert/strict";
import { test } from "node:test";
import { fakeAsk } from "../../test/support/fake-ask.ts";
import { emptyDictionary, emptyLabelEntry } from "../dictionary/index.ts";
import { runLlmJob } from "../llm/index.ts";
import { ruleAnnotationJob } from "./annotate-rules.ts";
import type { RuleCandidate } from "./rule-candidate.ts";
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

test("hum rules as a job: accepted rules, a rejected answer and a failed request with its raw text", async () => {
  const dictionary = emptyDictionary();
  dictionary.sources.films = {
    labels: { directed: { ...emptyLabelEntry(), descriptions: ["Who directed a film."] } },
  } as never;
  const reverse = strategyByName("reverse");
  const sampled = [
    { strategy: reverse, candidate: relation },
    { strategy: reverse, candidate: { ...relation, recordId: "f2" } },
    { strategy: reverse, candidate: { ...relation, recordId: "f3" } },
  ];
  const swapped = [{ subject: "Avatar", object: "James Cameron" }];
  const ask = fakeAsk((_, index) => {
    if (index === 0)
      return {
        value: {
          schema_description: " ",
          original_rule: "Director first.",
          new_rule: "Film first.",
          new_labels: swapped,
        },
      };
    if (index === 1)
      return {
        value: { schema_description: "", original_rule: "", new_rule: "Same.", new_labels: relation.pairs },
      };
    return { reason: "invalid_json", message: "not JSON", rawText: "{oops" };
  });
  const outcome = await runLlmJob(ruleAnnotationJob(sampled, dictionary), ask);
  assert.ok(outcome);
  assert.deepEqual(
    ask.asked.map((request) => request.id),
    ["films/f1/directed/reverse", "films/f2/directed/reverse", "films/f3/directed/reverse"],
  );
  assert.equal(outcome.accepted.length, 1);
  assert.equal(outcome.accepted[0].description, "Who directed a film.", "a blank description falls back");
  assert.deepEqual(outcome.accepted[0].new_labels, swapped);
  assert.deepEqual(
    outcome.rejected.map((r) => [r.record_id, r.reason, r.raw_answer !== null]),
    [
      ["f2", "unchanged", true],
      ["f3", "invalid_json", true],
    ],
  );
  assert.equal(outcome.rejected[1].raw_answer, "{oops");
});

test("a job asked in plan mode (no answers) gives no outcome", async () => {
  const job = ruleAnnotationJob(
    [{ strategy: strategyByName("reverse"), candidate: relation }],
    emptyDictionary(),
  );
  assert.equal(await runLlmJob(job, async () => null), null);
});
