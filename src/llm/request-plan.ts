// A command first plans its requests (bodies, keys, what the cache already holds), then either runs
// the plan live or exports what is missing as a batch file for a cluster; both paths share the keys.
import type { LlmRequest } from "./chat-request.ts";
import { type ChatCompletionBody, chatCompletionBody, requestKey } from "./request-body.ts";
import type { RequestCache } from "./request-cache.ts";

export interface PlannedRequest<T> {
  key: string;
  request: LlmRequest<T>;
  body: ChatCompletionBody;
  /** Whether the cache held an answer when the plan was made. */
  cached: boolean;
}

export interface RequestPlan<T> {
  model: string;
  /** One per request, in the caller's order; results of a run come back in this order. */
  items: PlannedRequest<T>[];
  /** Distinct keys without a cached answer: what a live run would pay for. */
  pendingCount: number;
}

export function planRequests<T>(
  model: string,
  requests: readonly LlmRequest<T>[],
  cache: RequestCache,
): RequestPlan<T> {
  const items = requests.map((request) => planRequest(model, request, cache));
  return { model, items, pendingCount: pendingRequests({ model, items, pendingCount: 0 }).length };
}

export function planRequest<T>(
  model: string,
  request: LlmRequest<T>,
  cache: RequestCache,
): PlannedRequest<T> {
  const body = chatCompletionBody(model, request);
  const key = requestKey(body, request.promptVersion);
  return { key, request, body, cached: cache.has(key) };
}

/** Uncached items, each key once (identical requests are paid for once). */
export function pendingRequests<T>(plan: RequestPlan<T>): PlannedRequest<T>[] {
  const seen = new Set<string>();
  const pending: PlannedRequest<T>[] = [];
  for (const item of plan.items) {
    if (item.cached || seen.has(item.key)) continue;
    seen.add(item.key);
    pending.push(item);
  }
  return pending;
}
