import type { Language } from "../records/index.ts";
import type { SchemaChunk, TaskSpec } from "../tasks/index.ts";

/** How an instruction states its output format: a sentence, and for some formats a template object. */
export interface FormatStatement {
  /** Replaces the task template's closing sentence about the answer format. */
  sentence: string;
  /** The `output_format` field of IE instructions (paper Table 27). */
  outputFormat?: unknown;
  /**
   * "sentence" (the default): the sentence replaces the template's closing sentence. "instruction": the
   * sentence is the whole instruction, as paper Table 27 writes it for the `output_format` template.
   */
  scope?: "sentence" | "instruction";
  /**
   * The output keeps the default JSON shape and changes only how a label without results is written:
   * the template's clauses about inner values (missing arguments, several values) still hold.
   */
  keepsShape?: boolean;
}

/**
 * One output rendering (spec §5, paper Table 35): how an answer is written, how the instruction asks
 * for it, and how such text is read back. Render and parse live together and are tested as a round trip.
 */
export interface OutputFormat {
  /** Stable name, e.g. "json", "json-nan", "rows", "markdown", "tuple-lines", "output-format", "plain". */
  readonly name: string;
  /** Whether this format can express the task's answers. */
  fits(task: TaskSpec, chunk: SchemaChunk): boolean;
  state(task: TaskSpec, chunk: SchemaChunk, lang: Language): FormatStatement;
  /**
   * The answer as this format writes it: a JSON value for JSON formats, a string for text ones. Examples
   * inside an instruction embed this value as is (paper Table 17 nests example outputs as objects).
   */
  value(task: TaskSpec, answer: unknown, chunk: SchemaChunk): unknown;
  /** The output text: `value` as is when it is a string, otherwise serialised as IEPile does. */
  render(task: TaskSpec, answer: unknown, chunk: SchemaChunk): string;
  /** Read text written in this format back to the task's answer; throws `OutputShapeError` otherwise. */
  parse(task: TaskSpec, text: string, chunk: SchemaChunk): unknown;
}
