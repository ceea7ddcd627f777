import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Language } from "../records/index.ts";
import { fillTemplate } from "../util/fill-template.ts";
import { loadYamlDataFile } from "../util/yaml-data-file.ts";

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
    // The record kinds whose labels a dictionary describes, in the order they are asked about.
    label_nouns: z
      .object({
        entities: Bilingual,
        relations: Bilingual,
        events: Bilingual,
        classification: Bilingual,
        graph: Bilingual,
      })
      .strict(),
    en: LanguageTexts,
    zh: LanguageTexts,
  })
  .strict();

// The wording is data (author-prompt.yaml beside this file), loaded once.
const PROMPT = loadYamlDataFile(fileURLToPath(new URL("./author-prompt.yaml", import.meta.url)), PromptFile);

/** The record kinds whose labels a dictionary describes, and what each label is called in a prompt. */
export const LABEL_NOUNS: Readonly<Record<LabeledKind, Record<Language, string>>> = PROMPT.data.label_nouns;
export type LabeledKind = keyof z.infer<typeof PromptFile>["label_nouns"];

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
export const AUTHOR_PROMPT_VERSION = `dict-author/${PROMPT.data.version}`;

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
  const texts = PROMPT.data[target.lang];
  const where = `${PROMPT.path} (${target.lang})`;
  const variables = {
    source: target.source,
    label: target.label,
    noun: LABEL_NOUNS[target.kind][target.lang],
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
