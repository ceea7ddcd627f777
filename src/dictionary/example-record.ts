import { z } from "zod";
import {
  AttributeValue,
  type CanonicalRecord,
  type Language,
  OpenTuple,
  type RecordKind,
} from "../records/index.ts";
import type { DictionaryExample } from "./dictionary-file.ts";

interface ExampleContext {
  kind: RecordKind;
  source: string;
  lang: Language;
  /** The label the example was kept for (an entity type, relation, event type or class). */
  label?: string;
}

/** The answer shape of an example, per record kind (documented in dictionary-file.ts). */
const ANSWERS = {
  entities: z.array(z.string()),
  relations: z.array(z.object({ subject: z.string(), object: z.string() })),
  events: z.array(
    z.object({
      trigger: z.string(),
      arguments: z.array(z.object({ role: z.string(), text: z.string() })).default([]),
    }),
  ),
  graph: z.array(
    z.object({ name: z.string(), attributes: z.record(z.string(), AttributeValue).default({}) }),
  ),
  classification: z.string(),
  qa: z.string().nullable(),
  tuples: z.array(OpenTuple),
};

/**
 * The canonical record an example stands for: its text with the label's annotation only, so a task
 * answers it for a one-label chunk and any output format renders that answer. An answer not in its
 * kind's shape gives `undefined`: a hand-written example with a typo is skipped, not fatal.
 */
export function exampleRecord(
  example: DictionaryExample,
  context: ExampleContext,
): CanonicalRecord | undefined {
  const { kind, source, lang } = context;
  const label = context.label ?? "";
  const common = { source, lang, text: example.text };
  if (kind === "chat") return undefined;
  const parsed = ANSWERS[kind].safeParse(example.answer);
  if (!parsed.success) return undefined;
  switch (kind) {
    case "entities":
      return {
        kind,
        ...common,
        entities: ANSWERS.entities.parse(parsed.data).map((text) => ({ text, type: label })),
      };
    case "relations":
      return {
        kind,
        ...common,
        relations: ANSWERS.relations.parse(parsed.data).map((p) => ({ ...p, relation: label })),
      };
    case "events":
      return {
        kind,
        ...common,
        events: ANSWERS.events.parse(parsed.data).map((e) => ({ ...e, type: label })),
      };
    case "graph":
      return {
        kind,
        ...common,
        entities: ANSWERS.graph.parse(parsed.data).map((e) => ({ ...e, type: label })),
      };
    case "classification":
      return { kind, ...common, label: ANSWERS.classification.parse(parsed.data) };
    case "qa":
      if (example.question === undefined) return undefined;
      return {
        kind,
        ...common,
        question: example.question,
        answer: ANSWERS.qa.parse(parsed.data),
        ...(example.choices ? { choices: example.choices } : {}),
      };
    case "tuples":
      return { kind, ...common, tuples: ANSWERS.tuples.parse(parsed.data) };
  }
}
