// The requests `hum rules` and `hum dict author` send are a contract: their prompt texts live in YAML
// files a reviewer edits, and this test shows every byte of the resulting requests (messages, and the
// cache key, which also covers parameters, response schema and prompt version) for fixed inputs.
// A deliberate prompt change regenerates the expected files with HUM_UPDATE_EXPECTED=1.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { authoringJobs } from "../src/dictionary/author-dictionary.ts";
import type { AuthoringTarget } from "../src/dictionary/author-prompt.ts";
import { emptyDictionary, emptyLabelEntry, type SchemaDictionary } from "../src/dictionary/index.ts";
import { createLlmClient, type LlmRequest } from "../src/llm/index.ts";
import { ruleJobs } from "../src/rules/annotate-rules.ts";
import type { RuleCandidate } from "../src/rules/rule-candidate.ts";
import { strategies } from "../src/rules/strategies.ts";

const EXPECTED = new URL("./fixtures/prompt-requests/", import.meta.url);

/** What a request is made of, as the server and the cache see it. */
function planned(requests: readonly LlmRequest<unknown>[]) {
  const directory = mkdtempSync(join(tmpdir(), "hum-prompts-"));
  // Planning makes no call: the address is never reached.
  const client = createLlmClient({
    baseUrl: "http://127.0.0.1:9/v1",
    model: "m",
    cachePath: ":memory:",
    failureLogPath: join(directory, "failed.jsonl"),
    statusStream: null,
  });
  try {
    return client.plan(requests).items.map(({ key, request, body }) => ({
      id: request.id,
      promptVersion: request.promptVersion,
      key,
      messages: body.messages,
    }));
  } finally {
    client.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

function assertExpected(name: string, actual: unknown): void {
  const file = new URL(name, EXPECTED);
  if (process.env.HUM_UPDATE_EXPECTED === "1") writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
  const expected = JSON.parse(readFileSync(file, "utf8"));
  assert.deepEqual(actual, expected, `requests changed; if deliberate, rerun with HUM_UPDATE_EXPECTED=1`);
}

const base = { source: "news", recordId: "r1", allSpans: [] as string[] };
const candidates: RuleCandidate[] = [
  {
    ...base,
    lang: "en",
    task: "NER",
    text: 'The {{text}} engine of "Apple Inc." cost $500.',
    label: "organization",
    spans: ["Apple Inc."],
    pairs: null,
  },
  {
    ...base,
    lang: "en",
    task: "RE",
    text: "James Cameron directed Avatar.",
    label: "directed",
    spans: ["James Cameron", "Avatar"],
    pairs: [{ subject: "James Cameron", object: "Avatar" }],
  },
  {
    ...base,
    lang: "en",
    task: "EET",
    text: "Hackers hit the bank twice.",
    label: "Attack",
    spans: ["hit"],
    pairs: null,
  },
  {
    ...base,
    lang: "zh",
    task: "NER",
    text: "美国总统拜登会见了记者。",
    label: "人物",
    spans: ["美国总统拜登"],
    pairs: null,
  },
  {
    ...base,
    lang: "zh",
    task: "RE",
    text: "马云创立了阿里巴巴。",
    label: "创始人",
    spans: ["阿里巴巴", "马云"],
    pairs: [{ subject: "阿里巴巴", object: "马云" }],
  },
];

test("hum rules sends the same requests for fixed candidates (every strategy, both languages)", () => {
  const dictionary: SchemaDictionary = emptyDictionary();
  const described = { ...emptyLabelEntry(), descriptions: ["A company, agency or institution."] };
  dictionary.sources.news = { labels: { organization: described, 创始人: described } } as never;
  const sampled = candidates.flatMap((candidate, index) =>
    strategies().map((strategy) => ({ strategy, candidate: { ...candidate, recordId: `r${index}` } })),
  );
  assertExpected("rules.json", planned(ruleJobs(sampled, dictionary).map((job) => job.request)));
});

const longText = `${"Lorem ipsum dolor sit amet. ".repeat(15)}终。`;
const targets: AuthoringTarget[] = [
  {
    source: "news",
    kind: "entities",
    lang: "en",
    label: "person",
    roles: [],
    examples: [
      { text: "Ada {{label}} Lovelace met Babbage.", values: ["Ada Lovelace", "Babbage"] },
      { text: longText, values: [] },
    ],
  },
  {
    source: "films",
    kind: "relations",
    lang: "en",
    label: "directed",
    roles: [],
    examples: [{ text: "Cameron directed Avatar.", values: ["Cameron → Avatar"] }],
  },
  {
    source: "casie",
    kind: "events",
    lang: "en",
    label: "Attack",
    roles: ["Attacker", "Victim"],
    examples: [{ text: "Hackers hit the bank.", values: ["trigger: hit"] }],
  },
  { source: "casie", kind: "events", lang: "en", label: "Patch", roles: [], examples: [] },
  { source: "sst", kind: "classification", lang: "en", label: "positive", roles: [], examples: [] },
  { source: "kg", kind: "graph", lang: "en", label: "city", roles: [], examples: [] },
  {
    source: "人民日报",
    kind: "entities",
    lang: "zh",
    label: "人物",
    roles: [],
    examples: [{ text: "拜登会见了记者。", values: ["拜登"] }],
  },
  {
    source: "duie",
    kind: "relations",
    lang: "zh",
    label: "导演",
    roles: [],
    examples: [{ text: longText, values: ["甲 → 乙"] }],
  },
  {
    source: "duee",
    kind: "events",
    lang: "zh",
    label: "地震",
    roles: ["震级", "震中"],
    examples: [{ text: "四川发生5级地震。", values: [] }],
  },
  { source: "duee", kind: "events", lang: "zh", label: "无角色", roles: [], examples: [] },
  { source: "tnews", kind: "classification", lang: "zh", label: "体育", roles: [], examples: [] },
  { source: "kgzh", kind: "graph", lang: "zh", label: "城市", roles: [], examples: [] },
];

test("hum dict author sends the same requests for fixed targets (every kind, both languages)", () => {
  const jobs = authoringJobs(targets, emptyDictionary(), { paraphrases: 3, synonyms: 2 });
  assertExpected("dict-author.json", planned(jobs.map((job) => job.request)));
});
