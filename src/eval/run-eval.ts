import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DataError, FileError, openJsonlOutput } from "../io/index.ts";
import {
  clientAsk,
  createLlmClient,
  GENERATION,
  type GenerationParams,
  type LlmClientOptions,
  type LlmJob,
  type LlmMode,
  type LlmResult,
  type PlanReport,
  runLlmJob,
  type TextRequest,
} from "../llm/index.ts";
import type { EvalRecord, PredictionRecord } from "./eval-record.ts";
import { readEvalRecords } from "./eval-record-schema.ts";

/** Paper settings: temperature 0.2, top-p 0.95, at most 500 new tokens. */
export const DEFAULT_GENERATION: Required<Pick<GenerationParams, "temperature" | "top_p" | "max_tokens">> =
  GENERATION.eval;

export interface RunOptions {
  /** A folder of eval sets (`*.jsonl` written by `hum eval build`) or one eval-set file. */
  sets: string;
  out: string;
  client: LlmClientOptions;
  params?: GenerationParams;
  /** Bump to stop matching answers cached for an earlier wording of the eval sets. */
  promptVersion?: string;
  /**
   * `run` (the default) asks the endpoint or the cache; `plan` makes no call and writes every request the
   * cache cannot answer to an OpenAI Batch file instead.
   */
  mode?: LlmMode;
}

export interface RunReport {
  predictions: number;
  answered: number;
  failed: number;
  out: string;
}

/**
 * Ask the endpoint every eval instruction (one user message each) through the LLM layer, which caches
 * every answer: a killed run started again pays for nothing twice. Predictions are written in eval-set
 * order; a request that still fails after its retries is written with `output: null` and its error.
 * In plan mode nothing is asked and nothing written but the batch file: once its results are imported
 * into the cache, an offline run gives the predictions without a single request.
 */
export async function runEval(
  options: RunOptions & { mode: { mode: "plan"; batchOut: string } },
): Promise<PlanReport>;
export async function runEval(options: RunOptions & { mode?: { mode: "run" } }): Promise<RunReport>;
export async function runEval(options: RunOptions): Promise<RunReport | PlanReport>;
export async function runEval(options: RunOptions): Promise<RunReport | PlanReport> {
  const records: EvalRecord[] = [];
  for (const file of evalSetFiles(options.sets))
    for await (const record of readEvalRecords(file)) records.push(record);
  const mode = options.mode ?? { mode: "run" };
  const client = createLlmClient(options.client);
  let planReport: PlanReport | undefined;
  try {
    const job = evalJob(records, { ...DEFAULT_GENERATION, ...options.params }, options.promptVersion);
    const predictions = await runLlmJob(
      job,
      clientAsk(client, mode, (report) => (planReport = report)),
    );
    if (predictions === null) return planReport as PlanReport;
    const out = openJsonlOutput(options.out);
    try {
      for (const prediction of predictions) out.write(prediction);
      out.commit();
    } finally {
      out.abort();
    }
    const failed = predictions.filter((prediction) => prediction.output === null).length;
    return { predictions: records.length, answered: records.length - failed, failed, out: options.out };
  } finally {
    client.close();
  }
}

/** One user message per eval instruction; each answer becomes a prediction, a failure keeps its raw text. */
export function evalJob(
  records: readonly EvalRecord[],
  params: GenerationParams,
  promptVersion?: string,
): LlmJob<string, PredictionRecord[]> {
  return {
    requests: (): TextRequest[] =>
      records.map((record) => ({
        messages: [{ role: "user", content: record.instruction }],
        params,
        promptVersion,
        id: record.id,
      })),
    judge: (results) => records.map((record, index) => predictionOf(record, results[index])),
  };
}

function predictionOf(record: EvalRecord, result: LlmResult<string>): PredictionRecord {
  if (result.ok) return { ...record, output: result.value };
  return {
    ...record,
    output: null,
    error: { reason: result.reason, message: result.message, raw_output: result.rawText },
  };
}

/** The eval-set files of a folder (`<dataset>.<variant>.jsonl`, sorted), or the one file given. */
export function evalSetFiles(path: string): string[] {
  if (path.endsWith(".jsonl")) return [path];
  let names: string[];
  try {
    names = readdirSync(path);
  } catch (error) {
    throw new FileError(path, "read", error);
  }
  const sets = names.filter((name) => /^[a-z0-9_]+\.[BC]\.jsonl$/.test(name)).sort();
  if (sets.length === 0)
    throw new DataError(path, undefined, "no eval set here (<set>.B.jsonl, <set>.C.jsonl)");
  return sets.map((name) => join(path, name));
}

/** Predictions equal to the references: the scorer's self-check, where every figure must be 100. */
export async function writeReferencePredictions(sets: string, out: string): Promise<number> {
  const file = openJsonlOutput(out);
  let count = 0;
  try {
    for (const path of evalSetFiles(sets))
      for await (const record of readEvalRecords(path)) {
        file.write({ ...record, output: record.reference_output } satisfies PredictionRecord);
        count++;
      }
    file.commit();
  } finally {
    file.abort();
  }
  return count;
}
