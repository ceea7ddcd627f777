/**
 * The schema dictionary: what compound synthesis knows about each label of each source.
 *
 * File format (YAML, or JSON when the file name ends in `.json`; both hold the same object):
 *
 *   version: 1
 *   sources:
 *     <source name>:                       # as in the records' `source` field
 *       kind: entities                     # the record kind of the source
 *       lang: en                           # en | zh
 *       reviewed: false                    # true: `dict mine` leaves the source-level examples alone
 *       positive: []                       # source-level examples, for label-less tasks (MRC, OpenIE)
 *       negative: []
 *       labels:
 *         <label>:                         # entity type, relation, event type, class, KGE entity type
 *           reviewed: false                # true: `dict mine` never touches this entry
 *           review: {decision, by, at, note}  # set by `hum review`: accepted | edited | rejected
 *           descriptions: [<paraphrase>, …] # one is sampled per instruction
 *           synonyms: [<name>, …]          # label-name variants; one may replace the label everywhere
 *           inverse: <relation name>       # relations only: the name after swapping subject and object
 *           roles:                         # event types only: argument descriptions
 *             <role>: {descriptions: [<paraphrase>, …]}
 *           values: [<value>, …]           # representative values (mined)
 *           positive: [<example>, …]       # texts that carry the label (5 when mined)
 *           negative: [<example>, …]       # texts that do not (5 when mined)
 *
 * An example is `{text, answer}`, plus `question` and `choices` for reading comprehension. `answer` is
 * the record's own annotation for the label, in the shape of its kind, so it can be rendered for any
 * task and output format:
 *   entities       ["Turing Award", …]                      (the spans of the type; [] for a negative)
 *   relations      [{subject, object}, …]
 *   events         [{trigger, arguments: [{role, text}, …]}, …]
 *   graph          [{name, attributes: {attribute: value or [values]}}, …]
 *   classification the text's class (for a negative: another class)
 *   qa             the answer text, or null when unanswerable
 *   tuples         [{subject, predicate, object?, time?, location?}, …]
 *
 * Descriptions, synonyms and inverses are written by a person or an LLM and reviewed; examples and
 * values are mined from the corpus (`hum dict mine`). Saving writes sources and labels in code-point
 * order and fields in the order above, so the same dictionary always gives the same bytes.
 */

import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { z } from "zod";
import { readTextFile, writeFileAtomic } from "../io/index.ts";
import { Language, RECORD_KINDS, type RecordKind, sorted } from "../records/index.ts";
import { ReviewStamp } from "../util/index.ts";

export const DictionaryExample = z
  .object({
    text: z.string(),
    question: z.string().optional(),
    choices: z.array(z.string()).optional(),
    answer: z.unknown(),
  })
  .strict();
export type DictionaryExample = z.infer<typeof DictionaryExample>;

const Paraphrases = z.array(z.string().min(1)).default([]);

export const RoleEntry = z.object({ descriptions: Paraphrases }).strict();
export type RoleEntry = z.infer<typeof RoleEntry>;

export const LabelEntry = z
  .object({
    /** The record kind of this label's examples, when not the source's (a source mixing kinds). */
    kind: z.enum(RECORD_KINDS as [RecordKind, ...RecordKind[]]).optional(),
    reviewed: z.boolean().default(false),
    /** The last decision taken in `hum review`; a rejected entry's text is never used. */
    review: ReviewStamp.optional(),
    descriptions: Paraphrases,
    synonyms: Paraphrases,
    inverse: z.string().min(1).optional(),
    roles: z.record(z.string(), RoleEntry).optional(),
    values: z.array(z.string()).default([]),
    positive: z.array(DictionaryExample).default([]),
    negative: z.array(DictionaryExample).default([]),
  })
  .strict();
export type LabelEntry = z.infer<typeof LabelEntry>;

export const SourceEntry = z
  .object({
    kind: z.enum(RECORD_KINDS as [RecordKind, ...RecordKind[]]),
    lang: Language,
    reviewed: z.boolean().default(false),
    positive: z.array(DictionaryExample).default([]),
    negative: z.array(DictionaryExample).default([]),
    labels: z.record(z.string(), LabelEntry).default({}),
  })
  .strict();
export type SourceEntry = z.infer<typeof SourceEntry>;

export const SchemaDictionary = z
  .object({ version: z.literal(1), sources: z.record(z.string(), SourceEntry) })
  .strict();
export type SchemaDictionary = z.infer<typeof SchemaDictionary>;

export function emptyDictionary(): SchemaDictionary {
  return { version: 1, sources: {} };
}

/** Parse a dictionary's text (YAML or JSON), naming the offending key when it is wrong. */
export function parseDictionary(text: string, where = "dictionary"): SchemaDictionary {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  const parsed = SchemaDictionary.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${where}: ${issue.path.join(".") || "(top level)"}: ${issue.message}`);
  }
  return parsed.data;
}

export function loadDictionary(path: string): SchemaDictionary {
  return parseDictionary(readTextFile(path), path);
}

/** The dictionary's text: keys in canonical order, JSON for `.json` paths, YAML otherwise. */
export function dictionaryText(dictionary: SchemaDictionary, asJson = false): string {
  const canonical = canonicalDictionary(dictionary);
  if (asJson) return `${JSON.stringify(canonical, null, 2)}\n`;
  return stringifyYaml(canonical, { lineWidth: 0, aliasDuplicateObjects: false });
}

export function saveDictionary(path: string, dictionary: SchemaDictionary): void {
  writeFileAtomic(path, dictionaryText(dictionary, path.endsWith(".json")));
}

/** Labels (and event roles) that have at least one description: what authoring fills in. */
export function describedLabelCount(dictionary: SchemaDictionary): number {
  let count = 0;
  for (const source of Object.values(dictionary.sources))
    for (const entry of Object.values(source.labels)) if (entry.descriptions.length > 0) count++;
  return count;
}

/** Sources and labels sorted; every entry's fields in the documented order; empty optionals left out. */
export function canonicalDictionary(dictionary: SchemaDictionary): SchemaDictionary {
  const sources: Record<string, SourceEntry> = {};
  for (const name of sorted(Object.keys(dictionary.sources))) {
    const source = dictionary.sources[name];
    const labels: Record<string, LabelEntry> = {};
    for (const label of sorted(Object.keys(source.labels)))
      labels[label] = canonicalLabel(source.labels[label]);
    sources[name] = {
      kind: source.kind,
      lang: source.lang,
      reviewed: source.reviewed,
      positive: source.positive.map(canonicalExample),
      negative: source.negative.map(canonicalExample),
      labels,
    };
  }
  return { version: 1, sources };
}

function canonicalLabel(entry: LabelEntry): LabelEntry {
  const ordered: LabelEntry = {
    reviewed: entry.reviewed,
    ...(entry.review !== undefined ? { review: canonicalStamp(entry.review) } : {}),
    descriptions: entry.descriptions,
    synonyms: entry.synonyms,
    values: [],
    positive: [],
    negative: [],
  };
  if (entry.inverse !== undefined) ordered.inverse = entry.inverse;
  if (entry.roles !== undefined) {
    ordered.roles = {};
    for (const role of sorted(Object.keys(entry.roles))) ordered.roles[role] = entry.roles[role];
  }
  // Re-insert so these keys follow the optional ones, as the format documents.
  delete (ordered as Partial<LabelEntry>).values;
  delete (ordered as Partial<LabelEntry>).positive;
  delete (ordered as Partial<LabelEntry>).negative;
  ordered.values = entry.values;
  ordered.positive = entry.positive.map(canonicalExample);
  ordered.negative = entry.negative.map(canonicalExample);
  return ordered;
}

function canonicalStamp(stamp: ReviewStamp): ReviewStamp {
  return {
    decision: stamp.decision,
    by: stamp.by,
    at: stamp.at,
    ...(stamp.note !== undefined && stamp.note !== "" ? { note: stamp.note } : {}),
  };
}

function canonicalExample(example: DictionaryExample): DictionaryExample {
  return {
    text: example.text,
    ...(example.question !== undefined ? { question: example.question } : {}),
    ...(example.choices !== undefined ? { choices: example.choices } : {}),
    answer: example.answer,
  };
}

/** A fresh label entry with nothing in it. */
export function emptyLabelEntry(): LabelEntry {
  return { reviewed: false, descriptions: [], synonyms: [], values: [], positive: [], negative: [] };
}
