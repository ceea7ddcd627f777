// Every answer the server gave, keyed by request. Each answer is committed on its own (autocommit, WAL),
// the moment it arrives, so a run killed at any instant loses at most the calls still in flight and
// never pays again for one that completed. Only answers are stored: errors must be retried, not replayed.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { DataError, FileError } from "../io/index.ts";
import type { TokenUsage } from "./chat-request.ts";
import { DEFAULT_CACHE_PATH } from "./llm-defaults.ts";

export interface CachedResponse {
  key: string;
  model: string;
  rawText: string;
  finishReason: string;
  usage: TokenUsage;
  /** The request body as sent (JSON), for inspection; null for answers imported from a batch file. */
  requestJson: string | null;
}

export const defaultCachePath = DEFAULT_CACHE_PATH;

export class RequestCache {
  readonly path: string;
  readonly #database: DatabaseSync;
  readonly #select: StatementSync;
  readonly #exists: StatementSync;
  readonly #upsert: StatementSync;

  constructor(path: string = defaultCachePath) {
    this.path = path === ":memory:" ? path : resolve(path);
    try {
      if (this.path !== ":memory:") mkdirSync(dirname(this.path), { recursive: true });
    } catch (error) {
      throw new FileError(path, "write", error);
    }
    this.#database = guarded(path, () => new DatabaseSync(this.path));
    try {
      this.#open();
    } catch (error) {
      this.close();
      throw brokenCache(path, error);
    }
    const statements = guarded(path, () => ({
      select: this.#database.prepare("SELECT * FROM responses WHERE key = ?"),
      exists: this.#database.prepare("SELECT 1 FROM responses WHERE key = ?"),
      upsert: this.#database.prepare(
        `INSERT OR REPLACE INTO responses
         (key, model, raw_text, finish_reason, prompt_tokens, completion_tokens, request_json)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
    }));
    this.#select = statements.select;
    this.#exists = statements.exists;
    this.#upsert = statements.upsert;
  }

  #open(): void {
    // NORMAL is durable against a killed process (only an OS crash can lose the last commits) and
    // keeps a commit per answer cheap.
    this.#database.exec(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;",
    );
    this.#database.exec(`CREATE TABLE IF NOT EXISTS responses (
      key TEXT PRIMARY KEY,
      model TEXT NOT NULL,
      raw_text TEXT NOT NULL,
      finish_reason TEXT NOT NULL,
      prompt_tokens INTEGER NOT NULL,
      completion_tokens INTEGER NOT NULL,
      request_json TEXT
    ) STRICT`);
  }

  get(key: string): CachedResponse | null {
    const row = guarded(this.path, () => this.#select.get(key)) as ResponseRow | undefined;
    return row ? fromRow(row) : null;
  }

  has(key: string): boolean {
    return guarded(this.path, () => this.#exists.get(key)) !== undefined;
  }

  put(response: CachedResponse): void {
    guarded(this.path, () =>
      this.#upsert.run(
        response.key,
        response.model,
        response.rawText,
        response.finishReason,
        response.usage.promptTokens,
        response.usage.completionTokens,
        response.requestJson,
      ),
    );
  }

  count(): number {
    const row = guarded(this.path, () =>
      this.#database.prepare("SELECT COUNT(*) AS count FROM responses").get(),
    ) as { count: number };
    return row.count;
  }

  close(): void {
    if (this.#database?.isOpen) this.#database.close();
  }
}

/** Runs a database call; SQLite's errors ("file is not a database") become a message naming the file. */
function guarded<T>(path: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw brokenCache(path, error);
  }
}

// A cache is only ever a copy of answers: moving it aside loses nothing but the money to ask again.
function brokenCache(path: string, error: unknown): Error {
  if (error instanceof DataError || error instanceof FileError) return error;
  const { code, errcode } = error as { code?: string; errcode?: number };
  if (code && code !== "ERR_SQLITE_ERROR") return new FileError(path, "read", error);
  // SQLITE_BUSY, SQLITE_LOCKED: another process holds it, nothing is broken.
  if (errcode === 5 || errcode === 6)
    return new DataError(path, undefined, "the answer cache is in use by another run; wait for it to finish");
  return new DataError(
    path,
    undefined,
    `the answer cache cannot be read (${(error as Error).message}). Move it aside ` +
      `(mv ${path} ${path}.broken) and run again: a fresh cache is started, and the answers it held ` +
      "are asked again",
  );
}

interface ResponseRow {
  key: string;
  model: string;
  raw_text: string;
  finish_reason: string;
  prompt_tokens: number;
  completion_tokens: number;
  request_json: string | null;
}

function fromRow(row: ResponseRow): CachedResponse {
  return {
    key: row.key,
    model: row.model,
    rawText: row.raw_text,
    finishReason: row.finish_reason,
    usage: { promptTokens: row.prompt_tokens, completionTokens: row.completion_tokens },
    requestJson: row.request_json,
  };
}
