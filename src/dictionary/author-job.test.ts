import assert from "node:assert/strict";
import { test } from "node:test";
import { fakeAsk } from "../../test/support/fake-ask.ts";
import { runLlmJob } from "../llm/index.ts";
import { authoringJob } from "./author-dictionary.ts";
import type { AuthoringTarget } from "./author-prompt.ts";
import { emptyDictionary } from "./dictionary-file.ts";

const target = (label: string): AuthoringTarget => ({
  source: "news",
  kind: "entities",
  lang: "en",
  label,
  roles: [],
  examples: [{ text: `A ${label} here.`, values: [label] }],
});

test("dict author as a job: answers fill new entries, a failed request is reported with its raw text", async () => {
  const counts = { paraphrases: 1, synonyms: 1 };
  const ask = fakeAsk((request) =>
    request.id === "news/person"
      ? { value: { descriptions: ["A human being.", "cut"], synonyms: ["human", "cut"], values: ["Ada"] } }
      : { reason: "schema_mismatch", message: "descriptions missing", rawText: '{"synonyms":[]}' },
  );
  const existing = emptyDictionary();
  const report = await runLlmJob(authoringJob([target("person"), target("place")], existing, counts), ask);
  assert.ok(report);
  assert.deepEqual(
    ask.asked.map((request) => request.id),
    ["news/person", "news/place"],
  );
  const person = report.dictionary.sources.news?.labels.person;
  assert.deepEqual(
    [person?.descriptions, person?.synonyms, person?.reviewed],
    [["A human being."], ["human"], false],
  );
  assert.equal(report.filled, 1);
  assert.deepEqual(
    report.failures.map((f) => [f.label, f.reason, f.rawText]),
    [["place", "schema_mismatch", '{"synonyms":[]}']],
  );
  assert.deepEqual(existing, emptyDictionary(), "the dictionary given is not changed");
});
