// LLM client throughput against a server with fixed latency L: at concurrency C the ceiling is C / L
// requests per second, and the client (cache writes, parsing, limiter, pool) should reach at least 90 %
// of it. Prints figures; asserts nothing.
//
//   node bench/llm-throughput.ts [--requests 640] [--latency-ms 200] [--concurrency 8,16,64]
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createLlmClient } from "../src/llm/index.ts";

const serverScript = fileURLToPath(new URL("../test/support/openai-server.ts", import.meta.url));
const Echo = z.object({ echo: z.string() });

/** The mock server runs in its own process so its work does not slow the client being measured. */
async function startServer(latencyMs: number): Promise<{ baseUrl: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [serverScript, "--port", "0", "--latency-ms", String(latencyMs)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const match = /^listening (\S+)/.exec(line);
    if (match) return { baseUrl: match[1], child };
  }
  throw new Error("mock server exited before listening");
}

async function measure(
  baseUrl: string,
  requests: number,
  concurrency: number,
  latencyMs: number,
): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), "hum-llm-bench-"));
  try {
    const client = createLlmClient({
      baseUrl,
      model: "mock-model",
      concurrency,
      cachePath: join(directory, "cache.sqlite"),
      failureLogPath: join(directory, "failed-requests.jsonl"),
      statusStream: null,
    });
    const plan = client.plan(
      Array.from({ length: requests }, (_, index) => ({
        messages: [{ role: "user" as const, content: `benchmark request ${concurrency}/${index}` }],
        schema: Echo,
      })),
    );
    const started = performance.now();
    const results = await client.run(plan);
    const seconds = (performance.now() - started) / 1000;
    client.close();
    const failed = results.filter((result) => !result.ok).length;
    const achieved = requests / seconds;
    const ceiling = (concurrency * 1000) / latencyMs;
    return [
      `C=${String(concurrency).padStart(3)}`,
      `${requests} requests in ${seconds.toFixed(2)} s`,
      `${achieved.toFixed(1)} req/s`,
      `ceiling C/L ${ceiling.toFixed(1)} req/s`,
      `${((100 * achieved) / ceiling).toFixed(1)} % of C/L`,
      `${failed} failed`,
    ].join(" · ");
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      requests: { type: "string", default: "640" },
      "latency-ms": { type: "string", default: "200" },
      concurrency: { type: "string", default: "8,16,64" },
    },
  });
  const requests = Number(values.requests);
  const latencyMs = Number(values["latency-ms"]);
  const server = await startServer(latencyMs);
  try {
    console.log(
      `llm throughput: ${requests} structured requests, server latency ${latencyMs} ms, empty cache`,
    );
    for (const concurrency of values.concurrency.split(",").map(Number)) {
      console.log(await measure(server.baseUrl, requests, concurrency, latencyMs));
    }
  } finally {
    server.child.kill("SIGTERM");
  }
}

await main();
