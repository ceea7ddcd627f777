// A child process for the kill-and-resume test: runs a fixed plan of structured requests against a
// server with a given cache, then writes every result, in plan order, to an output file.
//
//   node test/support/kill-resume-worker.ts --base-url URL --cache FILE --output FILE --count N
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { writeFileAtomic } from "../../src/io/index.ts";
import { createLlmClient, type LlmRequest } from "../../src/llm/index.ts";

export const workerSchema = z.object({ echo: z.string() });

export function workerRequests(count: number): LlmRequest<z.infer<typeof workerSchema>>[] {
  return Array.from({ length: count }, (_, index) => ({
    messages: [{ role: "user", content: `item ${index}` }],
    params: { temperature: 0 },
    schema: workerSchema,
    promptVersion: "resume/1",
  }));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "base-url": { type: "string" },
      cache: { type: "string" },
      output: { type: "string" },
      count: { type: "string" },
      concurrency: { type: "string", default: "4" },
    },
  });
  const cachePath = values.cache!;
  const client = createLlmClient({
    baseUrl: values["base-url"]!,
    model: "mock-model",
    cachePath,
    failureLogPath: join(dirname(cachePath), "failed-requests.jsonl"),
    concurrency: Number(values.concurrency),
    retry: { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 10 },
    statusStream: null,
  });
  const results = await client.run(client.plan(workerRequests(Number(values.count))));
  const lines = results.map((result) =>
    JSON.stringify(
      result.ok ? { key: result.key, value: result.value } : { key: result.key, failed: result.reason },
    ),
  );
  writeFileAtomic(values.output!, `${lines.join("\n")}\n`);
  client.close();
}

if (import.meta.main) await main();
