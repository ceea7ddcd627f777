// Eval sets and predictions are read back from files a person may have edited or another tool written:
// each line is checked at the boundary, so a bad one is reported as file:line:reason instead of
// failing deep inside the scorer.
import { z } from "zod";
import { readJsonl } from "../io/index.ts";
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
export async function* readEvalRecords(path: string): AsyncIterable<EvalRecord> {
  for await (const { value } of readJsonl(path, EvalRecordShape)) yield value as EvalRecord;
}

/** The predictions of a file; the first bad line stops with `file:line: reason`. */
export async function* readPredictions(path: string): AsyncIterable<PredictionRecord> {
  for await (const { value } of readJsonl(path, PredictionRecordShape)) yield value as PredictionRecord;
}
