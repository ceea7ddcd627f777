import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture } from "../../test/support/read-all.ts";
import type { LlmResult } from "../llm/index.ts";
import { applyAuthoredAnswers, authoringJobs, collectAuthoringTargets } from "./author-dictionary.ts";
import type { AuthoredAnswer, AuthoringTarget } from "./author-prompt.ts";
import { emptyDictionary, emptyLabelEntry, type SchemaDictionary } from "./dictionary-file.ts";

const counts = { paraphrases: 2, synonyms: 2 };
const attack: AuthoringTarget = {
  source: "casie",
  kind: "events",
  lang: "en",
  label: "Attack",
  roles: ["Attacker", "Victim"],
  examples: [{ text: "Hackers hit the bank.", values: ["trigger: hit", "Attacker: Hackers"] }],
};

function answered(value: AuthoredAnswer): LlmResult<AuthoredAnswer> {
  return {
    ok: true,
    key: "k",
    value,
    rawText: JSON.stringify(value),
    finishReason: "stop",
    usage: { promptTokens: 0, completionTokens: 0 },
    fromCache: false,
  };
}

const answer: AuthoredAnswer = {
  descriptions: ["An attack.", "A cyber attack.", "A third one."],
  synonyms: ["attack", "assault"],
  values: [],
  roles: [
    { role: "Attacker", descriptions: ["Who attacks."] },
    { role: "Weapon", descriptions: ["Not a role of the data."] },
  ],
};

test("event types get role descriptions for the data's roles only; lists are cut to the counts", () => {
  const jobs = authoringJobs([attack], emptyDictionary(), counts);
  assert.equal(jobs.length, 1);
  assert.match(jobs[0].request.messages[0].content, /Attacker, Victim/);
  const { dictionary, filled } = applyAuthoredAnswers(emptyDictionary(), jobs, [answered(answer)], counts);
  assert.equal(filled, 1);
  const entry = dictionary.sources.casie.labels.Attack;
  assert.deepEqual(entry.descriptions, ["An attack.", "A cyber attack."]);
  assert.deepEqual(entry.synonyms, ["assault"]);
  assert.deepEqual(entry.roles, { Attacker: { descriptions: ["Who attacks."] } });
  assert.equal(dictionary.sources.casie.kind, "events");
});

test("an entry with nothing left to fill is not asked; one missing a role description is", () => {
  const dictionary: SchemaDictionary = emptyDictionary();
  const full = {
    ...emptyLabelEntry(),
    descriptions: ["d"],
    synonyms: ["s"],
    values: ["v"],
    roles: { Attacker: { descriptions: ["a"] }, Victim: { descriptions: ["v"] } },
  };
  dictionary.sources.casie = {
    kind: "events",
    lang: "en",
    reviewed: false,
    positive: [],
    negative: [],
    labels: { Attack: full },
  };
  assert.equal(authoringJobs([attack], dictionary, counts).length, 0);
  full.roles.Victim.descriptions = [];
  const jobs = authoringJobs([attack], dictionary, counts);
  assert.equal(jobs.length, 1);
  const updated = applyAuthoredAnswers(
    dictionary,
    jobs,
    [answered({ ...answer, roles: [{ role: "Victim", descriptions: ["Who is hit."] }] })],
    counts,
  );
  const entry = updated.dictionary.sources.casie.labels.Attack;
  assert.deepEqual(entry.descriptions, ["d"]);
  assert.deepEqual(entry.roles?.Victim.descriptions, ["Who is hit."]);
  assert.deepEqual(
    dictionary.sources.casie.labels.Attack.roles?.Victim.descriptions,
    [],
    "input not mutated",
  );
});

test("an answer without a usable description is a recorded failure and fills nothing", () => {
  const jobs = authoringJobs([attack], emptyDictionary(), counts);
  const report = applyAuthoredAnswers(
    emptyDictionary(),
    jobs,
    [answered({ ...answer, descriptions: ["  "] })],
    counts,
  );
  assert.equal(report.failures[0].reason, "no_descriptions");
  assert.deepEqual(report.dictionary.sources, {});
});

test("a source mixing record kinds (CoNLL04) gets every kind's labels asked", async () => {
  const conll04 = fixture("conll04.txt");
  const { targets } = await collectAuthoringTargets([{ path: conll04 }], { paraphrases: 1, synonyms: 1 });
  const kinds = new Set(targets.map((t) => t.kind));
  assert.deepEqual([...kinds].sort(), ["entities", "relations"]);
  assert.ok(targets.some((t) => t.kind === "entities" && t.label === "person"));
});
