// The defaults every LLM command shares, in one place: where answers and failures are kept, and the
// generation settings of each job (part of every cache key, so changing one asks everything again).
import { dirname, join } from "node:path";
import type { GenerationParams } from "./chat-request.ts";

/** The answer cache, relative to the working directory. */
export const DEFAULT_CACHE_PATH = ".hum/cache.sqlite";

/** Requests that still failed after their retries, with their raw text. */
export const DEFAULT_FAILURE_LOG_PATH = ".hum/failed-requests.jsonl";

/** The failure log beside a cache: a run pointed at another cache keeps its failures apart too. */
export function failureLogBeside(cachePath: string): string {
  return join(dirname(cachePath), "failed-requests.jsonl");
}

type Generation = Readonly<Required<Pick<GenerationParams, "temperature" | "max_tokens">>> &
  Readonly<Pick<GenerationParams, "top_p">>;

/** Generation settings per job: greedy for structured answers; the paper's sampling for evaluation. */
export const GENERATION = {
  /** `hum rules`: one preference rule per request. */
  rules: { temperature: 0, max_tokens: 1024 },
  /** `hum dict author`: descriptions, synonyms and values of one label. */
  dictAuthor: { temperature: 0, max_tokens: 1500 },
  /** `hum eval run`, paper settings: temperature 0.2, top-p 0.95, at most 500 new tokens. */
  eval: { temperature: 0.2, top_p: 0.95, max_tokens: 500 },
} as const satisfies Record<string, Generation>;
