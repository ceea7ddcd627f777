// LLM client throughput against a server with fixed latency L: at concurrency C the ceiling is C / L
// requests per second, and the client (cache writes, parsing, limiter, pool) should reach at least 90 %
// of it. Prints figures; asserts nothing.
//
// Each measured run starts from an empty cache, after one warm-up wave of C requests (own throwaway
// cache) so the figure is throughput rather than the one-off cost of loading fetch and opening C
// connections; `--warmup 0` measures cold. A bare fetch pool at the same C is printed alongside, as the
// floor set by fetch, the mock server and the machine.
//
//   node bench/llm-throughput.ts [--requests 640] [--latency-ms 200] [--concurrency 8,16,64] [--warmup 1]
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pLimit from "p-limit";
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

async function runClient(baseUrl: string, requests: number, concurrency: number, label: string) {
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
        messages: [{ role: "user" as const, content: `benchmark ${label} ${concurrency}/${index}` }],
        schema: Echo,
      })),
    );
    const started = performance.now();
    const results = await client.run(plan);
    const seconds = (performance.now() - started) / 1000;
    client.close();
    return { seconds, failed: results.filter((result) => !result.ok).length };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The same traffic through a bare fetch pool: what any client could reach here. */
async function runBareFetch(baseUrl: string, requests: number, concurrency: number): Promise<number> {
  const limit = pLimit(concurrency);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: requests }, (_, index) =>
      limit(async () => {
        const response = await fetch(`${baseUrl}/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            model: "mock-model",
            messages: [{ role: "user", content: `bare ${index}` }],
          }),
        });
        await response.text();
      }),
    ),
  );
  return (performance.now() - started) / 1000;
}

function describe(label: string, requests: number, seconds: number, ceiling: number): string {
  const achieved = requests / seconds;
  return `${label} ${achieved.toFixed(1)} req/s (${((100 * achieved) / ceiling).toFixed(1)} % of C/L)`;
}

async function measure(
  baseUrl: string,
  requests: number,
  concurrency: number,
  latencyMs: number,
  warmup: number,
) {
  for (let wave = 0; wave < warmup; wave++)
    await runClient(baseUrl, concurrency, concurrency, `warmup${wave}`);
  const { seconds, failed } = await runClient(baseUrl, requests, concurrency, "measured");
  const bareSeconds = await runBareFetch(baseUrl, requests, concurrency);
  const ceiling = (concurrency * 1000) / latencyMs;
  return [
    `C=${String(concurrency).padStart(3)}`,
    `ceiling C/L ${ceiling.toFixed(1)} req/s`,
    `${requests} requests in ${seconds.toFixed(2)} s`,
    describe("client", requests, seconds, ceiling),
    `${failed} failed`,
    describe("bare fetch", requests, bareSeconds, ceiling),
  ].join(" · ");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      requests: { type: "string", default: "640" },
      "latency-ms": { type: "string", default: "200" },
      concurrency: { type: "string", default: "8,16,64" },
      warmup: { type: "string", default: "1" },
    },
  });
  const requests = Number(values.requests);
  const latencyMs = Number(values["latency-ms"]);
  const server = await startServer(latencyMs);
  try {
    const warmup = Number(values.warmup);
    console.log(
      `llm throughput: ${requests} structured requests, server latency ${latencyMs} ms, empty cache, ` +
        `${warmup} warm-up wave(s)`,
    );
    for (const concurrency of values.concurrency.split(",").map(Number)) {
      console.log(await measure(server.baseUrl, requests, concurrency, latencyMs, warmup));
    }
  } finally {
    server.child.kill("SIGTERM");
  }
}

await main();
