// The knobs of a GLAN run, with the defaults a command starts from. Counts are what each prompt asks
// for; the model may return fewer (kept) or more (the extra ones are rejected as `extra`).
import { loadPromptSet, type PromptSet } from "./prompt-templates.ts";

export interface GlanSettings {
  lang: "en" | "zh";
  /** Seed of every sampling choice (sessions, key concepts, question types). */
  seed: number;
  /** The levels subjects are taught at, easiest first. */
  levels: string[];
  /** Drafting a taxonomy: sub-fields per field and disciplines per sub-field. */
  subFields: number;
  disciplines: number;
  /** Subjects per discipline. */
  subjects: number;
  /** Class sessions per syllabus, and at most this many key concepts per session. */
  sessions: number;
  concepts: number;
  /** Questions per syllabus, by the syllabus's level; `questions` for levels not listed. */
  questionsPerLevel: Record<string, number>;
  questions: number;
  /** Question types drawn from (names of the questions template's `question_types`). */
  questionTypes: string[];
  /** Use only reviewed items of the input file. */
  reviewedOnly: boolean;
  /** Ask only about input items with these ids or under them (`natural-sciences/mathematics`); none: all. */
  only: string[];
  /** Near-duplicate threshold: questions whose word-trigram Jaccard similarity reaches it are dropped. */
  nearDuplicate: number;
  prompts: PromptSet;
}

export const DEFAULT_LEVELS = ["introductory", "intermediate", "advanced"];

export function defaultGlanSettings(overrides: Partial<GlanSettings> = {}): GlanSettings {
  const prompts = overrides.prompts ?? loadPromptSet();
  const settings: GlanSettings = {
    lang: "en",
    seed: 42,
    levels: DEFAULT_LEVELS,
    subFields: 3,
    disciplines: 3,
    subjects: 6,
    sessions: 8,
    concepts: 4,
    questionsPerLevel: {},
    questions: 4,
    questionTypes: Object.keys(prompts.questions.questionTypes),
    reviewedOnly: false,
    only: [],
    nearDuplicate: 0.8,
    ...overrides,
    prompts,
  };
  for (const type of settings.questionTypes)
    if (!(type in prompts.questions.questionTypes))
      throw new Error(
        `unknown question type "${type}": ${prompts.questions.path} defines ${Object.keys(prompts.questions.questionTypes).join(", ")}`,
      );
  if (settings.questionTypes.length === 0) throw new Error("no question types to draw from");
  return settings;
}

export function questionsFor(settings: GlanSettings, level: string): number {
  return settings.questionsPerLevel[level] ?? settings.questions;
}
