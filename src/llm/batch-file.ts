// OpenAI Batch files, the offline road for large jobs: export what a plan still needs as a request file
// (run by the OpenAI Batch API or by vLLM's `run-batch` on a cluster), then import the results file into
// the cache so the next run answers from it without live calls. custom_id is the cache key, so results
// land exactly where a live run would have put them.
import { z } from "zod";
import { openJsonlOutput, readJsonlItems } from "../io/index.ts";
import { interpretAnswer } from "./answer-interpretation.ts";
import { parseCompletionResponse } from "./chat-transport.ts";
import type { RequestCache } from "./request-cache.ts";
import { type PlannedRequest, pendingRequests, type RequestPlan } from "./request-plan.ts";

export interface BatchRequestLine {
  custom_id: string;
  method: "POST";
  url: "/v1/chat/completions";
  body: PlannedRequest<unknown>["body"];
}

/** Writes one line per distinct uncached request of the plan; returns how many were written. */
export function exportBatchFile(plan: RequestPlan<unknown>, path: string): number {
  const file = openJsonlOutput(path);
  try {
    const pending = pendingRequests(plan);
    for (const item of pending) {
      const line: BatchRequestLine = {
        custom_id: item.key,
        method: "POST",
        url: "/v1/chat/completions",
        body: item.body,
      };
      file.write(line);
    }
    file.commit();
    return pending.length;
  } finally {
    file.abort();
  }
}

export interface BatchImportReport {
  imported: number;
  /** Lines not imported and why; their requests stay pending for a live run or another batch. */
  rejected: { customId: string | null; line: number; reason: string; message: string }[];
}

/**
 * Stores every successful answer of a Batch results file in the cache. With the plan that exported the
 * batch, answers are also checked against their request's schema and unknown ids are refused; failed
 * and cut-off answers are never stored.
 */
export async function importBatchResults(
  cache: RequestCache,
  path: string,
  plan?: RequestPlan<unknown>,
): Promise<BatchImportReport> {
  const planned = new Map(plan?.items.map((item) => [item.key, item]));
  const report: BatchImportReport = { imported: 0, rejected: [] };
  for await (const item of readJsonlItems(path, BatchResultLine)) {
    const rejection = item.ok
      ? importLine(cache, item.value, plan ? planned : null)
      : { customId: null, reason: "bad_line", message: item.reason };
    if (rejection) report.rejected.push({ ...rejection, line: item.line });
    else report.imported++;
  }
  return report;
}

// The shape of a results line (OpenAI Batch API, vLLM run-batch); the answer body is checked later.
const BatchResultLine = z.looseObject({
  custom_id: z.string(),
  response: z.looseObject({ status_code: z.number().optional(), body: z.unknown() }).nullish(),
  error: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});
type BatchResultLine = z.infer<typeof BatchResultLine>;

type Rejection = { customId: string | null; reason: string; message: string };

function importLine(
  cache: RequestCache,
  line: BatchResultLine,
  planned: Map<string, PlannedRequest<unknown>> | null,
): Rejection | null {
  const customId = line.custom_id;
  const item = planned?.get(customId);
  if (planned && !item)
    return { customId, reason: "unknown_request", message: "custom_id is not in the plan" };
  if (line.error) return { customId, reason: line.error.code ?? "error", message: line.error.message ?? "" };
  const status = line.response?.status_code;
  if (status !== 200)
    return { customId, reason: `http_${status}`, message: JSON.stringify(line.response?.body) };
  const body = line.response?.body as { model?: string } | undefined;
  const answer = parseCompletionResponse(JSON.stringify(body));
  if (answer.kind === "failure") return { customId, reason: answer.reason, message: answer.message };
  if (item) {
    const verdict = interpretAnswer(item.request, answer.text, answer.finishReason);
    if (!verdict.ok) return { customId, reason: verdict.reason, message: verdict.message };
  } else if (answer.finishReason === "length") {
    return { customId, reason: "length", message: "answer cut off at max_tokens" };
  }
  cache.put({
    key: customId,
    model: item?.body.model ?? body?.model ?? "",
    rawText: answer.text,
    finishReason: answer.finishReason,
    usage: answer.usage,
    requestJson: item ? JSON.stringify(item.body) : null,
  });
  return null;
}
