import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DataError, FileError, openJsonlOutput } from "../io/index.ts";
import {
  createLlmClient,
  exportBatchFile,
  type GenerationParams,
  type LlmClientOptions,
  type LlmResult,
  type TextRequest,
} from "../llm/index.ts";
import type { EvalRecord, PredictionRecord } from "./eval-record.ts";
import { readEvalRecords } from "./eval-record-schema.ts";

/** Paper settings: temperature 0.2, top-p 0.95, at most 500 new tokens. */
export const DEFAULT_GENERATION: Required<Pick<GenerationParams, "temperature" | "top_p" | "max_tokens">> = {
  temperature: 0.2,
  top_p: 0.95,
  max_tokens: 500,
};

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
   * cache cannot answer to an OpenAI Batch file instead (the shape of the CLI's LlmCommandMode).
   */
  mode?: RunMode;
}

export type RunMode = { mode: "run" } | { mode: "plan"; batchOut: string };

export interface RunReport {
  predictions: number;
  answered: number;
  failed: number;
  out: string;
}

/** What plan mode did: no prediction is written, since nothing has been answered yet. */
export interface PlanReport {
  planned: number;
  cached: number;
  /** Distinct requests written to the batch file. */
  written: number;
  batchOut: string;
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
  const client = createLlmClient(options.client);
  const params = { ...DEFAULT_GENERATION, ...options.params };
  try {
    const requests: TextRequest[] = records.map((record) => ({
      messages: [{ role: "user", content: record.instruction }],
      params,
      promptVersion: options.promptVersion,
      id: record.id,
    }));
    const plan = client.plan<string>(requests);
    const mode = options.mode ?? { mode: "run" };
    if (mode.mode === "plan") {
      const written = exportBatchFile(plan, mode.batchOut);
      const cached = plan.items.filter((item) => item.cached).length;
      return { planned: plan.items.length, cached, written, batchOut: mode.batchOut };
    }
    const results = await client.run(plan);
    const out = openJsonlOutput(options.out);
    let failed = 0;
    try {
      records.forEach((record, index) => {
        const prediction = predictionOf(record, results[index]);
        if (prediction.output === null) failed++;
        out.write(prediction);
      });
      out.commit();
    } finally {
      out.abort();
    }
    return { predictions: records.length, answered: records.length - failed, failed, out: options.out };
  } finally {
    client.close();
  }
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
