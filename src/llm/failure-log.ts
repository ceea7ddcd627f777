// The failed-requests file: one JSON line per request that still failed after its retries, with the
// raw text the server last sent, so nothing fails silently and a bad prompt can be read afterwards.
// Runs append to it, each under a header line naming the run; nothing ever deletes it. Lines are
// appended synchronously, so they survive a killed run.
import { appendJsonLines } from "../io/index.ts";
import type { FailureReason, LlmRequest } from "./chat-request.ts";
import { DEFAULT_FAILURE_LOG_PATH } from "./llm-defaults.ts";

export const defaultFailureLogPath = DEFAULT_FAILURE_LOG_PATH;

export interface FailureRecord {
  key: string;
  request: RequestSummary;
  reason: FailureReason;
  message: string;
  attempts: number;
  rawText: string | null;
}

/** The first line a run appends: which run the failure lines below it belong to. */
export interface RunHeader {
  run: { started: string; pid: number; model: string; baseUrl: string; command: string };
}

export interface RequestSummary {
  id: string | null;
  model: string;
  promptVersion: string | null;
  schemaName: string | null;
  messageCount: number;
  /** The last user message, shortened: enough to recognise the request without copying whole prompts. */
  lastUserMessage: string;
}

/** Appends this run's failures; the header goes in just before the first one (a clean run adds nothing). */
export class FailureLog {
  readonly path: string;
  readonly #header: () => RunHeader;
  #headerWritten = false;

  constructor(path: string, header: () => RunHeader) {
    this.path = path;
    this.#header = header;
  }

  write(record: FailureRecord): void {
    const lines: unknown[] = this.#headerWritten ? [record] : [this.#header(), record];
    appendJsonLines(this.path, lines);
    this.#headerWritten = true;
  }
}

/** The failure lines of a log (run headers left out), for reading it back. */
export function failureRecords(lines: readonly unknown[]): FailureRecord[] {
  return lines.filter(
    (line): line is FailureRecord => typeof line === "object" && line !== null && !("run" in line),
  );
}

export function summarizeRequest(request: LlmRequest<unknown>, model: string): RequestSummary {
  const lastUser = request.messages.findLast((message) => message.role === "user");
  return {
    id: request.id ?? null,
    model,
    promptVersion: request.promptVersion ?? null,
    schemaName: request.schema ? (request.schemaName ?? "response") : null,
    messageCount: request.messages.length,
    lastUserMessage: (lastUser?.content ?? "").slice(0, 500),
  };
}
