// The failed-requests file: one JSON line per request that still failed after its retries, with the
// raw text the server last sent, so nothing fails silently and a bad prompt can be read afterwards.
// Lines are appended synchronously, so they survive a killed run.
import { appendFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { FailureReason, LlmRequest } from "./chat-request.ts";

export const defaultFailureLogPath = ".hum/failed-requests.jsonl";

export interface FailureRecord {
  key: string;
  request: RequestSummary;
  reason: FailureReason;
  message: string;
  attempts: number;
  rawText: string | null;
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

/** The file describes the latest run: opening the log removes the previous run's file. */
export class FailureLog {
  readonly path: string;

  constructor(path: string = defaultFailureLogPath) {
    this.path = resolve(path);
    rmSync(this.path, { force: true });
  }

  write(record: FailureRecord): void {
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${JSON.stringify(record)}\n`);
  }
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
