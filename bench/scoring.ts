// Scoring memory: seeded NER predictions streamed through `scorePredictions` (pool a record's chunks,
// score, drop), at 100k and 1M predictions, each run in a fresh process so its peak RSS is its own.
// The floor is the same stream only generated and JSON-parsed: what any scorer pays before scoring.
import { execFileSync } from "node:child_process";
import { scorePredictions } from "../src/eval/score-predictions.ts";
import type { MatchCounts } from "../src/eval/tuple-matching.ts";
import { syntheticPredictionStream } from "../test/support/synthetic-predictions.ts";

export interface ScoringMemory {
  predictions: number;
  mode: "score" | "floor";
  seconds: number;
  peakRssMb: number;
  /** Largest heap in use, sampled every 10,000 predictions. */
  peakHeapMb: number;
}

async function measureInThisProcess(count: number, mode: "score" | "floor"): Promise<ScoringMemory> {
  let peakHeap = 0;
  const expected: MatchCounts = { predicted: 0, gold: 0, correct: 0 };
  function* sampled() {
    let n = 0;
    for (const prediction of syntheticPredictionStream("NER", count, 7, 0.5, expected)) {
      if (++n % 10_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      yield prediction;
    }
  }
  const started = performance.now();
  if (mode === "floor") {
    for (const prediction of sampled()) if (prediction.output) JSON.parse(prediction.output);
  } else {
    const report = await scorePredictions(sampled());
    const counts = report.results[0]?.counts;
    if (counts?.gold !== expected.gold || counts.correct !== expected.correct)
      throw new Error(`scored ${JSON.stringify(counts)}, expected ${JSON.stringify(expected)}`);
  }
  return {
    predictions: count,
    mode,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 1024 / 1024,
  };
}

/** Each size and mode in its own process. */
export function benchScoringMemory(sizes: readonly number[] = [100_000, 1_000_000]): ScoringMemory[] {
  const script = new URL(import.meta.url).pathname;
  return sizes.flatMap((count) =>
    (["floor", "score"] as const).map(
      (mode) =>
        JSON.parse(
          execFileSync(process.execPath, [script, String(count), mode], { encoding: "utf8" }),
        ) as ScoringMemory,
    ),
  );
}

/** The markdown section `npm run bench` prints. */
export function printScoringMemory(results: ScoringMemory[]): void {
  console.log("\n## Scoring memory (NER predictions, streamed)\n");
  console.log(
    "| predictions | scorer peak RSS MB | scorer peak heap MB | floor peak RSS MB | scorer predictions/s |",
  );
  console.log("|---:|---:|---:|---:|---:|");
  for (const score of results.filter((r) => r.mode === "score")) {
    const floor = results.find((r) => r.mode === "floor" && r.predictions === score.predictions);
    console.log(
      `| ${score.predictions.toLocaleString("en")} | ${score.peakRssMb.toFixed(0)} | ${score.peakHeapMb.toFixed(0)} | ${floor?.peakRssMb.toFixed(0) ?? ""} | ${Math.round(score.predictions / score.seconds).toLocaleString("en")} |`,
    );
  }
}

if (import.meta.main) {
  const [count, mode] = process.argv.slice(2);
  if (mode === "score" || mode === "floor")
    console.log(JSON.stringify(await measureInThisProcess(Number(count), mode)));
  else printScoringMemory(benchScoringMemory());
}
