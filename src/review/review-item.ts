import type { ReviewDecision, ReviewStamp } from "../util/index.ts";

/** What kind of LLM output an item is: it decides how the page shows and edits it. */
export type ItemKind = "dictionary" | "rule" | "glan";

export type ItemStatus = "unreviewed" | ReviewDecision;

/** A text with the parts to highlight (each occurrence of each string). */
export interface HighlightedText {
  text: string;
  highlights: string[];
  /** A second set, shown in another colour (a rule's new labels beside the original ones). */
  alternate?: string[];
  note?: string;
}

/** A dictionary label entry as the page shows it. */
export interface DictionaryContent {
  kind: string;
  lang: string;
  descriptions: string[];
  synonyms: string[];
  inverse?: string;
  roles?: Record<string, string[]>;
  values: string[];
  positive: HighlightedText[];
  negative: HighlightedText[];
  /** Corpus sentences carrying the label (from the datasets given to `hum review`). */
  corpus: HighlightedText[];
}

/** A preference rule as the page shows it: the original and the new side by side. */
export interface RuleContent {
  task: string;
  record_id: string;
  description: string;
  original_rule: string;
  new_rule: string;
  original_labels: unknown;
  new_labels: unknown;
  /** The record's text with the original labels highlighted and the new ones in `alternate`. */
  text?: HighlightedText;
}

/** Any JSON object of a JSONL file (GLAN taxonomy, subjects, syllabi), minus id and review fields. */
export interface JsonContent {
  object: Record<string, unknown>;
}

/** One thing to review, as the server sends it to the page. */
export interface ReviewItem {
  /** Stable within a session: file index and the item's key in it. */
  id: string;
  kind: ItemKind;
  file: string;
  source: string;
  label: string;
  /** The rule strategy, or the GLAN file's stage (taxonomy, subjects, syllabus …). */
  strategy: string;
  title: string;
  status: ItemStatus;
  review?: ReviewStamp;
  content: DictionaryContent | RuleContent | JsonContent;
}

/** A reviewer's decision as the page posts it. */
export interface DecisionRequest {
  id: string;
  decision: ReviewDecision;
  note?: string;
  /** For `edited`: the new content, in the shape of the item kind's editable fields. */
  edits?: unknown;
}
