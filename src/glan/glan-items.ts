// The shape of every file `hum glan` reads and writes: one JSON object per line, each with a stable
// `id` derived from its path in the taxonomy (field/sub-field/discipline/subject/level/…) and, for the
// items a person checks, a boolean `reviewed` and optional `review` metadata left by a reviewer.
import { z } from "zod";
import { Language } from "../records/index.ts";
import { ReviewStamp } from "../util/index.ts";

const Text = z.string().refine((value) => value.trim().length > 0, "must not be blank");

// `review` is the stamp `hum review` writes: {decision: accepted | edited | rejected, by, at, note?}.
const reviewFields = {
  reviewed: z.boolean().default(false),
  review: ReviewStamp.optional(),
};

// Where an item lies in the taxonomy, in the order its lines show it.
const disciplinePath = { field: Text, sub_field: Text, discipline: Text };
const subjectPath = { ...disciplinePath, subject: Text, level: Text };

/** Where in the taxonomy a subject lies: what every item made from it carries, in this order. */
export type SubjectPath = {
  field: string;
  sub_field: string;
  discipline: string;
  subject: string;
  level: string;
};

export function disciplinePathOf(item: Omit<SubjectPath, "subject" | "level">) {
  return { field: item.field, sub_field: item.sub_field, discipline: item.discipline };
}

export function subjectPathOf(item: SubjectPath): SubjectPath {
  return { ...disciplinePathOf(item), subject: item.subject, level: item.level };
}

/** Where an item came from: a file a person wrote, or an LLM answer. */
export const Origin = z.enum(["file", "llm"]);

/** taxonomy.jsonl: one discipline per line, with the field and sub-field above it. */
export const TaxonomyItem = z
  .object({
    id: Text,
    ...disciplinePath,
    description: z.string().default(""),
    origin: Origin.default("file"),
    ...reviewFields,
  })
  .strict();
export type TaxonomyItem = z.infer<typeof TaxonomyItem>;

/** subjects.jsonl: one subject of a discipline, at one level. */
export const SubjectItem = z
  .object({
    id: Text,
    discipline_id: Text,
    ...subjectPath,
    description: z.string().default(""),
    ...reviewFields,
  })
  .strict();
export type SubjectItem = z.infer<typeof SubjectItem>;

export const ClassSession = z
  .object({
    id: Text,
    title: Text,
    description: z.string().default(""),
    key_concepts: z.array(Text).min(1),
  })
  .strict();
export type ClassSession = z.infer<typeof ClassSession>;

/** syllabus.jsonl: the syllabus of one subject, a sequence of class sessions. */
export const SyllabusItem = z
  .object({
    id: Text,
    subject_id: Text,
    discipline_id: Text,
    ...subjectPath,
    sessions: z.array(ClassSession).min(1),
    ...reviewFields,
  })
  .strict();
export type SyllabusItem = z.infer<typeof SyllabusItem>;

/** The sessions and key concepts a question was built from. */
export const ConceptSample = z.object({ session_id: Text, title: Text, key_concepts: z.array(Text).min(1) });
export type ConceptSample = z.infer<typeof ConceptSample>;

/** questions.jsonl: one generated question with what it was sampled from. */
export const QuestionItem = z
  .object({
    id: Text,
    syllabus_id: Text,
    ...subjectPath,
    question_type: Text,
    lang: Language,
    concepts: z.array(ConceptSample).min(1),
    question: Text,
    ...reviewFields,
  })
  .strict();
export type QuestionItem = z.infer<typeof QuestionItem>;

/** A line of `<out>.rejects.jsonl`: what a phase could not keep, with why and the model's raw text. */
export interface GlanRejection {
  /** The id the item would have had (or the id of the item asked about). */
  id: string;
  reason: string;
  message: string;
  raw_answer: string | null;
}
