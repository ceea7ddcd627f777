import type { Language } from "../records/index.ts";
import type { SchemaChunk, TaskName } from "../tasks/index.ts";

/** The five eval sets of paper Table 1 (FewFC stands in for CCF Law). */
export type EvalDatasetName = "crossner" | "fewrel" | "fewfc" | "c3" | "imdb";

/** B: basic, IEPile-style instructions. C: compound ones (guidelines, examples, other formats). */
export type EvalVariant = "B" | "C";

/**
 * One eval instruction: what is sent to the model and everything the scorer needs to read the answer
 * back, without the source data. The chunks of one record share `record_id`; the scorer pools them.
 */
export interface EvalRecord {
  id: string;
  dataset: EvalDatasetName;
  variant: EvalVariant;
  task: TaskName;
  /** The record's source (`crossner_ai`, `fewrel`, …): CrossNER keeps its domain here. */
  source: string;
  lang: Language;
  record_id: string;
  /** The user message. */
  instruction: string;
  /** The labels this instruction asks, with EE roles and whether the answer is plain text. */
  chunk: SchemaChunk;
  /** The output format the instruction asks for (`json` unless a compound format variant says otherwise). */
  format: string;
  /** The gold answer for the chunk (a task answer, as `label` in synthesis). */
  label: unknown;
  /** The gold answer rendered in `format`: what a perfect model writes. */
  reference_output: string;
}

/** An eval record with the model's raw answer; a failed request keeps `output: null` and its error. */
export interface PredictionRecord extends EvalRecord {
  output: string | null;
  error?: { reason: string; message: string; raw_output: string | null };
}
