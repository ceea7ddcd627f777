import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDictionary, saveDictionary } from "../../src/dictionary/index.ts";

export const EXAMPLES = new URL("../../examples/", import.meta.url).pathname;

/** Rules for the embedded example's news records: the first one is to be accepted, the second rejected. */
export const FIXTURE_RULES = [
  {
    source: "example_news",
    record_id: "ner-en-1",
    task: "NER",
    label: "person",
    strategy: "numerical",
    description: "Names of people.",
    original_rule: "Every person mentioned is a person entity.",
    new_rule: "Give only the first person the text mentions.",
    new_labels: ["Ada Lovelace"],
  },
  {
    source: "example_news",
    record_id: "ner-en-2",
    task: "NER",
    label: "organization",
    strategy: "entity boundaries",
    description: "Companies, agencies, institutions.",
    original_rule: "Organization names without a leading article.",
    new_rule: "Include the leading article in organization names.",
    new_labels: ["The Royal Society"],
  },
];

/** GLAN-style items: a stable `id` and a `reviewed` flag per line, other fields free. */
export const FIXTURE_SUBJECTS = [
  {
    id: "subj-1",
    discipline: "Mathematics",
    subject: "Linear algebra",
    level: "undergraduate",
    reviewed: false,
  },
  { id: "subj-2", discipline: "Mathematics", subject: "Number theory", level: "graduate", reviewed: false },
  {
    id: "subj-3",
    discipline: "Chemistry",
    subject: "Organic chemistry",
    level: "undergraduate",
    reviewed: false,
  },
];

export interface ReviewFixture {
  dir: string;
  dictionary: string;
  rules: string;
  subjects: string;
  entities: string;
}

/** A fresh folder holding the example dictionary with nothing reviewed, a rule file and GLAN subjects. */
export function reviewFixture(): ReviewFixture {
  const dir = mkdtempSync(join(tmpdir(), "hum-review-"));
  const dictionary = loadDictionary(join(EXAMPLES, "dictionary.yaml"));
  for (const source of Object.values(dictionary.sources))
    for (const entry of Object.values(source.labels)) entry.reviewed = false;
  const paths = {
    dir,
    dictionary: join(dir, "dictionary.yaml"),
    rules: join(dir, "rules.jsonl"),
    subjects: join(dir, "subjects.jsonl"),
    entities: join(EXAMPLES, "data", "entities.jsonl"),
  };
  saveDictionary(paths.dictionary, dictionary);
  writeFileSync(paths.rules, FIXTURE_RULES.map((r) => `${JSON.stringify(r)}\n`).join(""));
  writeFileSync(paths.subjects, FIXTURE_SUBJECTS.map((s) => `${JSON.stringify(s)}\n`).join(""));
  return paths;
}
