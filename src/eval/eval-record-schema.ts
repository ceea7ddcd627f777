// Eval sets and predictions are read back from files a person may have edited or another tool written:
// each line is checked at the boundary, so a bad one is reported as file:line:reason instead of
// failing deep inside the scorer.
import { z } from "zod";
import { DataError, describeIssues, parseJsonLine, readLineBatches } from "../io/index.ts";
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
  return flatten(readChecked(path, isEvalRecord, EvalRecordShape) as AsyncIterable<EvalRecord[]>);
}

/** The predictions of a file; the first bad line stops with `file:line: reason`. */
export function readPredictions(path: string): AsyncIterable<PredictionRecord> {
  return flatten(readPredictionBatches(path));
}

/** The same predictions a piece of the file at a time: a scorer waits once per piece, not per line. */
export function readPredictionBatches(path: string): AsyncIterable<PredictionRecord[]> {
  return readChecked(path, isPredictionRecord, PredictionRecordShape) as AsyncIterable<PredictionRecord[]>;
}

async function* flatten<T>(batches: AsyncIterable<T[]>): AsyncIterable<T> {
  for await (const batch of batches) yield* batch;
}

/**
 * The lines of a JSONL file, each accepted by a plain check of the shape (a million predictions are
 * read in the time zod takes for a fraction of them) and, when the check refuses one, judged by the
 * zod schema, whose issues name the reason; the check is never laxer than the schema. Read in 64 KB
 * pieces, each piece's values yielded together: a 1 MB piece's lines outlive V8's young-generation
 * collections, which then grow the heap with the file (peak RSS 290 MB instead of 155 MB at a million
 * predictions).
 */
async function* readChecked(
  path: string,
  check: (value: unknown) => boolean,
  schema: z.ZodType,
): AsyncIterable<unknown[]> {
  for await (const lines of readLineBatches(path, { chunkBytes: 1 << 16 })) {
    const values: unknown[] = [];
    for (const { line, text, invalid } of lines) {
      if (text.trim() === "" && !invalid) continue;
      const value = checkedValue(text, invalid, check, schema);
      if (value.ok) {
        values.push(value.value);
        continue;
      }
      // The lines before the bad one are read as always, then reading stops.
      if (values.length > 0) yield values;
      throw new DataError(path, line, value.reason);
    }
    yield values;
  }
}

function checkedValue(
  text: string,
  invalid: string | undefined,
  check: (value: unknown) => boolean,
  schema: z.ZodType,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (invalid) return { ok: false, reason: invalid };
  const parsed = parseJsonLine(text);
  if (!parsed.ok || check(parsed.value)) return parsed;
  const result = schema.safeParse(parsed.value);
  if (!result.success) return { ok: false, reason: describeIssues(result.error.issues) };
  return { ok: true, value: result.data };
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
