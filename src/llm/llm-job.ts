// Every LLM command has one shape: build requests, ask them, judge each answer (keeping the raw text of
// a failure). A job states the first and the last step; `ask` is injected, so a command asks through a
// client (or exports a batch file in plan mode) and a unit test answers in process.

import { exportBatchFile } from "./batch-file.ts";
import type { LlmRequest, LlmResult } from "./chat-request.ts";
import type { LlmClient } from "./client.ts";

/**
 * How a command spends its requests: `run` asks the server (or the cache); `plan` makes no call and
 * writes every request the cache cannot answer to an OpenAI Batch file instead.
 */
export type LlmMode = { mode: "run" } | { mode: "plan"; batchOut: string };

export const RUN_MODE: LlmMode = { mode: "run" };

/** Answers requests in order; null when nothing was asked (plan mode): the caller then writes nothing. */
export type Ask = <T>(requests: readonly LlmRequest<T>[]) => Promise<readonly LlmResult<T>[] | null>;

/** The requests of one command and how their answers (in request order) become its output. */
export interface LlmJob<Answer, Output> {
  requests(): readonly LlmRequest<Answer>[];
  judge(results: readonly LlmResult<Answer>[]): Output;
}

/** Asks a job and judges the answers; null when nothing was asked. */
export async function runLlmJob<Answer, Output>(
  job: LlmJob<Answer, Output>,
  ask: Ask,
): Promise<Output | null> {
  const requests = job.requests();
  const results = await ask(requests);
  if (results === null) return null;
  if (results.length !== requests.length)
    throw new Error(`asked ${requests.length} requests, got ${results.length} answers`);
  return job.judge(results);
}

/** What plan mode did with a batch of requests. */
export interface PlanReport {
  planned: number;
  cached: number;
  /** Distinct requests written to the batch file. */
  written: number;
  batchOut: string;
}

/**
 * An `ask` through an open client: in run mode the plan runs live (cached answers replayed); in plan
 * mode the uncached requests are exported, `onPlan` hears what was done, and the answer is null.
 */
export function clientAsk(client: LlmClient, mode: LlmMode, onPlan?: (report: PlanReport) => void): Ask {
  return async (requests) => {
    const plan = client.plan(requests);
    if (mode.mode === "run") return client.run(plan);
    const written = exportBatchFile(plan, mode.batchOut);
    const cached = plan.items.filter((item) => item.cached).length;
    onPlan?.({ planned: plan.items.length, cached, written, batchOut: mode.batchOut });
    return null;
  };
}
