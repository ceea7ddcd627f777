// Shared by the client tests: a mock server plus a client pointed at it, with its cache and failure log
// in a fresh temporary folder and retries fast enough for a test suite.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach } from "node:test";
import { type FailureRecord, failureRecords } from "../../src/llm/failure-log.ts";
import { createLlmClient, type LlmClient, type LlmClientOptions } from "../../src/llm/index.ts";
import { type OpenAiServer, type OpenAiServerOptions, startOpenAiServer } from "./openai-server.ts";

export interface TestBench {
  server: OpenAiServer;
  directory: string;
  cachePath: string;
  failureLogPath: string;
  client(overrides?: Partial<LlmClientOptions>): LlmClient;
  failures(): FailureRecord[];
  close(): Promise<void>;
}

export async function startTestBench(serverOptions: OpenAiServerOptions = {}): Promise<TestBench> {
  const server = await startOpenAiServer(serverOptions);
  const directory = mkdtempSync(join(tmpdir(), "hum-llm-"));
  const cachePath = join(directory, "cache.sqlite");
  const failureLogPath = join(directory, "failed-requests.jsonl");
  const clients: LlmClient[] = [];
  return {
    server,
    directory,
    cachePath,
    failureLogPath,
    client(overrides = {}) {
      const client = createLlmClient({
        baseUrl: server.baseUrl,
        model: "mock-model",
        cachePath,
        failureLogPath,
        concurrency: 4,
        retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 50 },
        timeoutMs: 5000,
        statusStream: null,
        environment: {},
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    failures() {
      try {
        // The log keeps every run; the tests look at the latest one.
        const lines = readFileSync(failureLogPath, "utf8")
          .split("\n")
          .filter((line) => line !== "")
          .map((line) => JSON.parse(line) as object);
        const lastHeader = lines.findLastIndex((line) => "run" in line);
        return failureRecords(lines.slice(lastHeader + 1));
      } catch {
        return [];
      }
    },
    async close() {
      for (const client of clients) client.close();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * One loopback bench for a whole test file: started before its tests, closed after them, its request
 * log and script cleared before each. Returns the running bench.
 */
export function sharedTestBench(): () => TestBench {
  let bench: TestBench | undefined;
  before(async () => {
    bench = await startTestBench();
  });
  after(() => bench?.close());
  beforeEach(() => {
    bench!.server.requests.length = 0;
    bench!.server.setScript(undefined);
  });
  return () => bench!;
}

export function userMessage(content: string) {
  return [{ role: "user" as const, content }];
}
