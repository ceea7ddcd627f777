import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Language } from "../records/index.ts";
import { fillTemplate, loadYamlDataFile, type YamlDataFile } from "../util/index.ts";

/** The record kinds whose labels a dictionary describes, in the order they are asked about. */
export const LABELED_KINDS = ["entities", "relations", "events", "classification", "graph"] as const;
export type LabeledKind = (typeof LABELED_KINDS)[number];

const Bilingual = z.object({ en: z.string().min(1), zh: z.string().min(1) }).strict();
const LanguageTexts = z
  .object({
    user: z.string().min(1),
    fields: z.object({ relations: z.string().min(1), events: z.string().min(1) }).strict(),
    role_separator: z.string(),
    no_roles: z.string(),
    example_text: z.string().min(1),
    example_values: z.string().min(1),
    no_examples: z.string(),
  })
  .strict();
type LanguageTexts = z.infer<typeof LanguageTexts>;
const PromptFile = z
  .object({
    version: z.number().int().positive(),
    // What each kind's labels are called in the prompt.
    label_nouns: z.object(Object.fromEntries(LABELED_KINDS.map((kind) => [kind, Bilingual]))).strict(),
    en: LanguageTexts,
    zh: LanguageTexts,
  })
  .strict();
type PromptFile = z.infer<typeof PromptFile>;

let loaded: YamlDataFile<PromptFile> | undefined;

// The wording is data (author-prompt.yaml beside this file), read when first needed.
function authorPrompt(): YamlDataFile<PromptFile> {
  loaded ??= loadYamlDataFile(fileURLToPath(new URL("./author-prompt.yaml", import.meta.url)), PromptFile);
  return loaded;
}

/** One label to describe, with a few texts from the data that carry it. */
export interface AuthoringTarget {
  source: string;
  kind: LabeledKind;
  lang: Language;
  label: string;
  /** Events: the argument roles the data has for the type. */
  roles: string[];
  examples: LabelExample[];
}

/** A text carrying the label, and what the annotation says the label covers in it. */
export interface LabelExample {
  text: string;
  values: string[];
}

export interface AuthoringCounts {
  paraphrases: number;
  synonyms: number;
}

/** Goes into every request's cache key; the file's `version` is raised when an answer's meaning changes. */
export function authorPromptVersion(): string {
  return `dict-author/${authorPrompt().data.version}`;
}

// Strict structured output allows neither optional properties nor free keys, so every kind has its
// own closed schema and roles come back as a list.
const common = {
  descriptions: z.array(z.string()),
  synonyms: z.array(z.string()),
  values: z.array(z.string()),
};
const PlainAnswer = z.object(common).strict();
const RelationAnswer = z.object({ ...common, inverse: z.string() }).strict();
const EventAnswer = z
  .object({
    ...common,
    roles: z.array(z.object({ role: z.string(), descriptions: z.array(z.string()) }).strict()),
  })
  .strict();

export interface AuthoredAnswer {
  descriptions: string[];
  synonyms: string[];
  values: string[];
  inverse?: string;
  roles?: { role: string; descriptions: string[] }[];
}

export function authorAnswerSchema(kind: LabeledKind): z.ZodType<AuthoredAnswer> {
  if (kind === "relations") return RelationAnswer;
  if (kind === "events") return EventAnswer;
  return PlainAnswer;
}

const EXAMPLE_CHARACTERS = 400;

/** The authoring prompt of one label, in the language of its dataset. */
export function authorMessages(target: AuthoringTarget, counts: AuthoringCounts) {
  const prompt = authorPrompt();
  const texts = prompt.data[target.lang];
  const where = `${prompt.path} (${target.lang})`;
  const variables = {
    source: target.source,
    label: target.label,
    noun: prompt.data.label_nouns[target.kind][target.lang],
    paraphrases: String(counts.paraphrases),
    synonyms: String(counts.synonyms),
    roles: target.roles.join(texts.role_separator) || texts.no_roles,
  };
  const field = target.kind === "relations" || target.kind === "events" ? texts.fields[target.kind] : null;
  const content = fillTemplate(
    texts.user,
    {
      ...variables,
      kind_fields: field === null ? "" : `\n${fillTemplate(field, variables, where)}`,
      examples: exampleLines(target, texts, where).join("\n"),
    },
    where,
  );
  return [{ role: "user" as const, content }];
}

function exampleLines(target: AuthoringTarget, texts: LanguageTexts, where: string): string[] {
  if (target.examples.length === 0) return [texts.no_examples];
  return target.examples.flatMap((example, index) => {
    const lines = [
      fillTemplate(texts.example_text, { number: String(index + 1), text: shorten(example.text) }, where),
    ];
    if (example.values.length > 0)
      lines.push(fillTemplate(texts.example_values, { values: JSON.stringify(example.values) }, where));
    return lines;
  });
}

function shorten(text: string): string {
  const characters = [...text];
  return characters.length <= EXAMPLE_CHARACTERS
    ? text
    : `${characters.slice(0, EXAMPLE_CHARACTERS).join("")}…`;
}
