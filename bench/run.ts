import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchCompound, benchCompoundInput } from "./compound.ts";
import { benchEvalScoring } from "./eval-scoring.ts";
import { type BenchTask, writeRecords } from "./generate-records.ts";
import { benchScoringMemory, printScoringMemory } from "./scoring.ts";

/**
 * `npm run bench`: Hum's speed and memory figures, each beside a baseline measured in the same run.
 * Set BENCH_RECORDS to change the corpus size (default 100000 per task).
 */
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "hum-bench-"));

interface Measurement {
  seconds: number;
  records: number;
  instructions: number;
  bytes: number;
  peakRssMb: number;
}

function measure(...args: string[]): Measurement {
  const script = new URL("./basic-synthesis.ts", import.meta.url).pathname;
  return JSON.parse(execFileSync(process.execPath, [script, ...args], { encoding: "utf8" }));
}

const fixed = (n: number, digits = 0) => n.toFixed(digits).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

async function benchBasic(): Promise<void> {
  console.log(`\n## Basic synthesis (${fixed(RECORDS)} generated records per task, p = 1)\n`);
  console.log(
    "| task | records/s | instructions/s | MB written | peak RSS MB | floor records/s | floor peak RSS MB | time / floor time |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const task of ["NER", "RE", "EE"] as BenchTask[]) {
    const input = join(dir, `${task}.jsonl`);
    await writeRecords(input, task, RECORDS);
    const synth = measure("synth", input, join(dir, `${task}.out.jsonl`));
    const floor = measure(
      "floor",
      input,
      join(dir, `${task}.floor.jsonl`),
      String(synth.bytes),
      String(synth.instructions),
    );
    console.log(
      `| ${task} | ${fixed(synth.records / synth.seconds)} | ${fixed(synth.instructions / synth.seconds)} | ${fixed(synth.bytes / 1e6, 1)} | ${fixed(synth.peakRssMb)} | ${fixed(floor.records / floor.seconds)} | ${fixed(floor.peakRssMb)} | ${(synth.seconds / floor.seconds).toFixed(2)}× |`,
    );
  }
  const small = join(dir, "NER-small.jsonl");
  await writeRecords(small, "NER", Math.round(RECORDS / 10));
  const smallRun = measure("synth", small, join(dir, "NER-small.out.jsonl"));
  console.log(
    `\nStreaming: peak RSS for NER at ${fixed(RECORDS / 10)} records is ${fixed(smallRun.peakRssMb)} MB (see the table for ${fixed(RECORDS)}).`,
  );
}

/** Compound synthesis beside basic on the same records, both in memory (no reading, no writing). */
async function benchCompoundVersusBasic(): Promise<void> {
  const count = Math.round(RECORDS / 5);
  console.log(`\n## Compound synthesis (${fixed(count)} generated records of every kind, in memory)\n`);
  const { records, labels } = benchCompoundInput(count);
  const basic = await benchCompound(records, labels, 42, 0);
  const compound = await benchCompound(records, labels, 42);
  console.log("| mix | instructions | compound | instructions/s | time / basic time |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, run] of [
    ["basic only (baseline)", basic],
    ["paper mix (45 % compound)", compound],
  ] as const)
    console.log(
      `| ${name} | ${fixed(run.instructions)} | ${fixed(run.compound)} | ${fixed(run.instructionsPerSecond)} | ${(run.seconds / basic.seconds).toFixed(2)}× |`,
    );
}

/** Scoring throughput on generated predictions, beside the floor of parsing every output. */
async function benchScoring(): Promise<void> {
  console.log(`\n## Evaluation scoring (${fixed(RECORDS)} generated predictions per task)\n`);
  console.log("| task | records/s | JSON.parse-only records/s | time / parse time |");
  console.log("|---|---:|---:|---:|");
  for (const result of await benchEvalScoring({ count: RECORDS }))
    console.log(
      `| ${result.task} | ${fixed(result.records_per_second)} | ${fixed(result.records / result.parse_only_seconds)} | ${(result.seconds / result.parse_only_seconds).toFixed(2)}× |`,
    );
}

/** The LLM client against a loopback server with fixed latency: achieved throughput as a share of C/L. */
function benchLlm(): void {
  console.log("\n## LLM client throughput (loopback OpenAI-compatible server)\n");
  const script = new URL("./llm-throughput.ts", import.meta.url).pathname;
  console.log(execFileSync(process.execPath, [script], { encoding: "utf8" }).trim());
}

try {
  await benchBasic();
  await benchCompoundVersusBasic();
  await benchScoring();
  printScoringMemory(benchScoringMemory());
  benchLlm();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
