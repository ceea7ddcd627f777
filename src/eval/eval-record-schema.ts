// Eval sets and predictions are read back from files a person may have edited or another tool written:
// each line is checked at the boundary, so a bad one is reported as file:line:reason instead of
// failing deep inside the scorer.
import { z } from "zod";
import { DataError, describeIssues, parseJsonLine, readLines } from "../io/index.ts";
import { isObject } from "../util/index.ts";
import type { EvalRecord, PredictionRecord } from "./eval-record.ts";

const SchemaChunkShape = z.looseObject({
  labels: z.array(z.string()),
  roles: z.record(z.string(), z.array(z.string())).optional(),
  plain: z.boolean().optional(),
});

export const EvalRecordShape = z.looseObject({
  id: z.string(),
  dataset: z.enum(["crossner", "fewrel", "fewfc", "c3", "imdb"]),
  variant: z.enum(["B", "C"]),
  task: z.string(),
  source: z.string(),
  lang: z.enum(["en", "zh"]),
  record_id: z.string(),
  instruction: z.string(),
  chunk: SchemaChunkShape,
  format: z.string(),
  label: z.record(z.string(), z.unknown()),
  reference_output: z.string(),
});

export const PredictionRecordShape = EvalRecordShape.extend({
  output: z.string().nullable(),
  error: z
    .looseObject({ reason: z.string(), message: z.string(), raw_output: z.string().nullable() })
    .optional(),
});

/** The eval records of a set file; the first bad line stops with `file:line: reason`. */
export function readEvalRecords(path: string): AsyncIterable<EvalRecord> {
  return readChecked(path, isEvalRecord, EvalRecordShape) as AsyncIterable<EvalRecord>;
}

/** The predictions of a file; the first bad line stops with `file:line: reason`. */
export function readPredictions(path: string): AsyncIterable<PredictionRecord> {
  return readChecked(path, isPredictionRecord, PredictionRecordShape) as AsyncIterable<PredictionRecord>;
}

/**
 * The lines of a JSONL file, each accepted by a plain check of the shape (a million predictions are
 * read in the time zod takes for a fraction of them) and, when the check refuses one, judged by the
 * zod schema, whose issues name the reason; the check is never laxer than the schema. One generator
 * over the file's lines: each layer of async iteration costs a promise per line. Read in 64 KB pieces:
 * a 1 MB piece's lines outlive V8's young-generation collections, which then grow the heap with the
 * file (peak RSS 290 MB instead of 155 MB at a million predictions).
 */
async function* readChecked(
  path: string,
  check: (value: unknown) => boolean,
  schema: z.ZodType,
): AsyncIterable<unknown> {
  for await (const { line, text, invalid } of readLines(path, { chunkBytes: 1 << 16 })) {
    if (invalid) throw new DataError(path, line, invalid);
    if (text.trim() === "") continue;
    const parsed = parseJsonLine(text);
    if (!parsed.ok) throw new DataError(path, line, parsed.reason);
    if (check(parsed.value)) {
      yield parsed.value;
      continue;
    }
    const result = schema.safeParse(parsed.value);
    if (!result.success) throw new DataError(path, line, describeIssues(result.error.issues));
    yield result.data;
  }
}

const DATASETS = new Set(["crossner", "fewrel", "fewfc", "c3", "imdb"]);

/** The shape of `EvalRecordShape`, checked without zod. */
export function isEvalRecord(value: unknown): boolean {
  if (!isObject(value)) return false;
  const r = value;
  return (
    typeof r.id === "string" &&
    typeof r.dataset === "string" &&
    DATASETS.has(r.dataset) &&
    (r.variant === "B" || r.variant === "C") &&
    typeof r.task === "string" &&
    typeof r.source === "string" &&
    (r.lang === "en" || r.lang === "zh") &&
    typeof r.record_id === "string" &&
    typeof r.instruction === "string" &&
    isSchemaChunk(r.chunk) &&
    typeof r.format === "string" &&
    isObject(r.label) &&
    typeof r.reference_output === "string"
  );
}

/** The shape of `PredictionRecordShape`, checked without zod. */
export function isPredictionRecord(value: unknown): boolean {
  if (!isEvalRecord(value)) return false;
  const r = value as Record<string, unknown>;
  if (r.output !== null && typeof r.output !== "string") return false;
  if (r.error === undefined) return true;
  if (!isObject(r.error)) return false;
  const { reason, message, raw_output } = r.error;
  return (
    typeof reason === "string" &&
    typeof message === "string" &&
    (raw_output === null || typeof raw_output === "string")
  );
}

function isSchemaChunk(value: unknown): boolean {
  if (!isObject(value) || !isStrings(value.labels)) return false;
  if (value.plain !== undefined && typeof value.plain !== "boolean") return false;
  if (value.roles === undefined) return true;
  if (!isObject(value.roles)) return false;
  for (const key in value.roles) if (!isStrings(value.roles[key])) return false;
  return true;
}

function isStrings(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== "string") return false;
  return true;
}
