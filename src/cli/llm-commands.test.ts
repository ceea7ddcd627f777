// End to end: `hum dict author`, `hum rules` and `hum llm export-batch | import-batch` against the
// loopback OpenAI-compatible server, scripted to answer the prompts the commands send.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, mock, test } from "node:test";
import { humInProcess as hum } from "../../test/support/hum-in-process.ts";
import { type OpenAiServer, startOpenAiServer } from "../../test/support/openai-server.ts";
import { loadDictionary, saveDictionary } from "../dictionary/dictionary-file.ts";
import { parseRuleFile } from "../rules/index.ts";

const RECORDS = [
  {
    kind: "entities",
    id: "n1",
    source: "news",
    lang: "en",
    text: "President Joe Biden met Angela Merkel in Berlin and Paris.",
    entities: [
      { text: "President Joe Biden", type: "person" },
      { text: "Angela Merkel", type: "person" },
      { text: "Berlin", type: "location" },
      { text: "Paris", type: "location" },
    ],
  },
  {
    kind: "entities",
    id: "n2",
    source: "news",
    lang: "en",
    text: "Apple Inc. paid $500 to Microsoft.",
    entities: [
      { text: "Apple Inc.", type: "organization" },
      { text: "Microsoft", type: "organization" },
    ],
  },
  {
    kind: "relations",
    id: "f1",
    source: "films",
    lang: "en",
    text: "James Cameron directed Avatar and Titanic.",
    relations: [
      { subject: "James Cameron", relation: "directed", object: "Avatar" },
      { subject: "James Cameron", relation: "directed", object: "Titanic" },
    ],
  },
];

/** The answer a model would give to one of the commands' prompts. */
function answerFor(prompt: string): string {
  const author = /Describe the (.+?) "(.+?)" as the dataset uses it/.exec(prompt);
  if (author) return authorAnswer(author[1], author[2]);
  return ruleAnswer(prompt);
}

function authorAnswer(noun: string, label: string): string {
  const answer: Record<string, unknown> = {
    descriptions: [
      `A ${label}.`,
      ` Any ${label} named in the text. `,
      `A ${label}.`,
      `Mentions of ${label}.`,
    ],
    synonyms: [label, `${label} name`, `${label} mention`],
    values: [`some ${label}`],
  };
  if (noun === "relation") answer.inverse = `${label} by`;
  return JSON.stringify(answer);
}

function ruleAnswer(prompt: string): string {
  const strategy = /^Modification Strategy: #(.+?):/m.exec(prompt)![1];
  const label = /^Schema: (.*)$/m.exec(prompt)![1];
  const original = JSON.parse(/^Label: (.*)$/m.exec(prompt)![1]) as unknown[];
  const rule = (newRule: string, newLabels: unknown[]) =>
    JSON.stringify({
      schema_description: `The ${label}.`,
      original_rule: `Extract every ${label}.`,
      new_rule: newRule,
      new_labels: newLabels,
    });
  switch (`${strategy}/${label}`) {
    case "Entity boundaries/person":
      return rule("", ["Joe Biden"]);
    case "Entity boundaries/organization":
      return rule("Leave out legal-form suffixes.", ["Apple", "Microsoft"]);
    case "Numerical/person":
      return rule("Only the first person.", ["Barack Obama"]);
    case "Numerical/location":
      return rule("Only the first location.", ["Berlin"]);
    case "Granularity/organization":
      return rule("Only companies.", [...original].reverse());
    case "Punctuation/organization":
      return "Sorry, I cannot help with that.";
    case "Reverse/directed":
      return rule("The subject is the film, the object its director.", [
        { subject: "Avatar", object: "James Cameron" },
        { subject: "Titanic", object: "James Cameron" },
      ]);
    case "Numerical/directed":
      return rule("Only the first film.", [original[0]]);
    default:
      return rule("The same rule.", original);
  }
}

let server: OpenAiServer;
let directory: string;
let data: string;

// Every test has its own server, folder, data and caches: none reads what another wrote.
let printed: string[];
beforeEach(async () => {
  server = await startOpenAiServer({
    script: (request) => ({ text: answerFor(request.body!.messages.at(-1)!.content) }),
  });
  directory = mkdtempSync(join(tmpdir(), "hum-llm-commands-"));
  data = join(directory, "data.jsonl");
  writeFileSync(data, RECORDS.map((record) => `${JSON.stringify(record)}\n`).join(""));
  printed = [];
  mock.method(console, "log", (line: string) => printed.push(line));
});

afterEach(async () => {
  mock.restoreAll();
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

function llmFlags(cache: string): string[] {
  return ["--base-url", server.baseUrl, "--model", "mock-model", "--cache", cache, "--max-retries", "0"];
}

function path(name: string): string {
  return join(directory, name);
}

function calls(): number {
  return server.completionRequests().length;
}

/** `hum dict author` on the data, with its own cache: the dictionary the rules commands start from. */
async function authorDictionary(out = path("dict-1.yaml")): Promise<string> {
  await hum("dict", "author", "--input", data, "--out", out, ...llmFlags(path("author.sqlite")));
  return out;
}

/** A live `hum rules` run writing rules.jsonl (and its rejects file) from a fresh dictionary. */
async function liveRules(): Promise<void> {
  const dictionary = await authorDictionary();
  await hum(
    "rules",
    "--input",
    data,
    "--dictionary",
    dictionary,
    "--out",
    path("rules.jsonl"),
    ...llmFlags(path("rules.sqlite")),
  );
}

test("dict author fills an empty dictionary; a second run is answered by the cache with the same bytes", async () => {
  await authorDictionary();
  assert.equal(calls(), 4, "one request per label: person, location, organization, directed");

  const dictionary = loadDictionary(path("dict-1.yaml"));
  const person = dictionary.sources.news.labels.person;
  assert.equal(person.reviewed, false);
  assert.deepEqual(person.descriptions, [
    "A person.",
    "Any person named in the text.",
    "Mentions of person.",
  ]);
  assert.deepEqual(person.synonyms, ["person name", "person mention"], "the label itself is no synonym");
  assert.equal(dictionary.sources.films.kind, "relations");
  assert.equal(dictionary.sources.films.labels.directed.inverse, "directed by");

  await authorDictionary(path("dict-2.yaml"));
  assert.equal(calls(), 4, "the second run makes no request");
  assert.equal(readFileSync(path("dict-2.yaml"), "utf8"), readFileSync(path("dict-1.yaml"), "utf8"));
});

test("dict author never touches reviewed entries and only fills the empty fields of edited ones", async () => {
  const existing = loadDictionary(await authorDictionary());
  const labels = existing.sources.news.labels;
  labels.person = { ...labels.person, reviewed: true, descriptions: ["Checked by a person."], synonyms: [] };
  labels.location = { ...labels.location, descriptions: ["Edited by hand."], synonyms: [], values: [] };
  delete existing.sources.films.labels.directed;
  saveDictionary(path("edited.yaml"), existing);

  const before = calls();
  await hum(
    "dict",
    "author",
    "--input",
    data,
    "--dictionary",
    path("edited.yaml"),
    "--out",
    path("completed.yaml"),
    ...llmFlags(path("author.sqlite")),
  );
  assert.equal(calls(), before, "the prompts do not depend on the dictionary: all cached");
  const completed = loadDictionary(path("completed.yaml")).sources.news.labels;
  assert.deepEqual(completed.person, labels.person, "reviewed: untouched, even its empty synonyms");
  assert.deepEqual(completed.location.descriptions, ["Edited by hand."], "edited descriptions kept");
  assert.deepEqual(completed.location.synonyms, ["location name", "location mention"], "empty field filled");
  assert.deepEqual(completed.location.values, ["some location"]);
  assert.ok(loadDictionary(path("completed.yaml")).sources.films.labels.directed, "missing label added");
});

test("rules keeps the rules that pass the checks and records every rejection with its reason", async () => {
  await liveRules();
  // 4 for the dictionary; news: boundaries 2, numerical 3, granularity 3, punctuation 1, nesting 2;
  // films: numerical, granularity, reverse.
  assert.equal(calls(), 4 + 14);

  const rulesText = readFileSync(path("rules.jsonl"), "utf8");
  const book = parseRuleFile(rulesText);
  const accepted = [...book.values()].flat().map((r) => `${r.strategy}/${r.label}`);
  assert.deepEqual(accepted.sort(), [
    "boundaries/organization",
    "numerical/directed",
    "numerical/location",
    "reverse/directed",
  ]);
  const reverse = [...book.values()].flat().find((r) => r.strategy === "reverse")!;
  assert.equal(reverse.task, "RE");
  assert.equal(reverse.record_id, "f1");
  assert.deepEqual(reverse.new_labels, [
    { subject: "Avatar", object: "James Cameron" },
    { subject: "Titanic", object: "James Cameron" },
  ]);

  const rejects = readJsonl(path("rules.jsonl.rejects.jsonl"));
  const reasonOf = (strategy: string, label: string) =>
    rejects.find((r) => r.strategy === strategy && r.label === label)?.reason;
  assert.equal(reasonOf("boundaries", "person"), "empty_rule");
  assert.equal(reasonOf("numerical", "person"), "label_not_in_text");
  assert.equal(reasonOf("granularity", "organization"), "unchanged", "a reordering changes nothing");
  assert.equal(reasonOf("punctuation", "organization"), "invalid_json");
  assert.equal(
    rejects.find((r) => r.reason === "invalid_json")?.raw_answer,
    "Sorry, I cannot help with that.",
    "the raw answer is kept",
  );
  assert.equal(rejects.length, 10);
  assert.ok(
    rejects.every((r) => typeof r.reason === "string" && r.reason !== ""),
    "every rejection has a reason",
  );
  assert.match(printed.at(-1)!, /14 asked: 4 accepted, 10 rejected/);
});

test("export-batch → results file → import-batch → an offline run gives the live run's output without requests", async () => {
  await liveRules();
  const cache = path("batch.sqlite");
  const ruleArgs = ["rules", "--input", data, "--dictionary", path("dict-1.yaml"), ...llmFlags(cache)];
  const before = calls();

  await hum("llm", "export-batch", "--out", path("batch.jsonl"), ...ruleArgs, "--out", path("planned.jsonl"));
  const lines = readFileSync(path("batch.jsonl"), "utf8").trim().split("\n");
  assert.equal(lines.length, 14);
  assert.match(printed.at(-1)!, /planned 14 requests: 0 already cached, 14 written/);
  assert.throws(() => readFileSync(path("planned.jsonl")), "plan mode writes no rules");

  writeFileSync(path("results.jsonl"), lines.map((line) => `${JSON.stringify(fakeResult(line))}\n`).join(""));
  await hum("llm", "import-batch", "--cache", cache, path("results.jsonl"));
  assert.match(printed.at(-1)!, /imported 14 answers/);

  await hum(...ruleArgs, "--offline", "--out", path("offline.jsonl"));
  assert.equal(calls(), before, "no request reached the server");
  assert.equal(readFileSync(path("offline.jsonl"), "utf8"), readFileSync(path("rules.jsonl"), "utf8"));
  assert.equal(
    readFileSync(path("offline.jsonl.rejects.jsonl"), "utf8"),
    readFileSync(path("rules.jsonl.rejects.jsonl"), "utf8"),
  );

  // Once answered, nothing is pending: a new export is empty.
  await hum(
    "llm",
    "export-batch",
    "--out",
    path("batch-2.jsonl"),
    ...ruleArgs,
    "--out",
    path("planned.jsonl"),
  );
  assert.equal(readFileSync(path("batch-2.jsonl"), "utf8"), "");
});

test("export-batch plans dict author too", async () => {
  await hum(
    "llm",
    "export-batch",
    "--out",
    path("author-batch.jsonl"),
    ...["dict", "author", "--input", data, "--out", path("never.yaml"), ...llmFlags(path("empty.sqlite"))],
  );
  const lines = readFileSync(path("author-batch.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  assert.deepEqual(Object.keys(lines[0]), ["custom_id", "method", "url", "body"]);
  assert.equal(lines[0].url, "/v1/chat/completions");
  assert.equal(lines[0].body.response_format.type, "json_schema");
});

/** What the Batch API or vLLM run-batch writes for one request line, answered by the script. */
function fakeResult(line: string) {
  const request = JSON.parse(line) as { custom_id: string; body: { messages: { content: string }[] } };
  const content = answerFor(request.body.messages.at(-1)!.content);
  return {
    id: `batch_req_${request.custom_id.slice(0, 8)}`,
    custom_id: request.custom_id,
    response: {
      status_code: 200,
      body: {
        object: "chat.completion",
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: { prompt_tokens: 100, completion_tokens: 20 },
      },
    },
    error: null,
  };
}

function readJsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
