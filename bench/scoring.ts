// Scoring beside its floor, each a whole process on the same predictions file: `hum eval score`, and
// bench/scoring-floor.js, which reads the file's lines and JSON.parses each line and its `output` (what
// any scorer pays before scoring).
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { MatchCounts } from "../src/eval/tuple-matching.ts";
import { syntheticPredictionStream } from "../test/support/synthetic-predictions.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const hum = join(root, "bin/hum.js");
const usageHook = join(root, "bench/usage-hook.js");
const floorScript = join(root, "bench/scoring-floor.js");

/** One measured process: wall and CPU seconds (user + system, the figure a loaded machine keeps) and peak RSS. */
export interface ProcessRun {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  stdout: string;
}

/**
 * `count` seeded predictions of `task` (IEPile JSON outputs, half the NER ones perturbed) written to
 * `path` as `hum eval run` writes them, a few thousand lines at a time so a million never sit in memory.
 */
export function writeSyntheticPredictions(
  path: string,
  task: "NER" | "RE" | "EE",
  count: number,
): MatchCounts {
  const expected: MatchCounts = { predicted: 0, gold: 0, correct: 0 };
  const fd = openSync(path, "w");
  try {
    let lines: string[] = [];
    for (const prediction of syntheticPredictionStream(task, count, 7, 0.5, expected)) {
      lines.push(JSON.stringify(prediction));
      if (lines.length === 10_000) {
        writeSync(fd, `${lines.join("\n")}\n`);
        lines = [];
      }
    }
    if (lines.length > 0) writeSync(fd, `${lines.join("\n")}\n`);
  } finally {
    closeSync(fd);
  }
  return expected;
}

/** `hum eval score --json` on the file, a whole process; its report is in `stdout`. */
export function scoreRun(predictions: string): ProcessRun {
  return measured(hum, ["eval", "score", "--predictions", predictions, "--json"]);
}

/** The floor on the same file, a whole process. */
export function floorRun(predictions: string): ProcessRun {
  return measured(floorScript, [predictions]);
}

function measured(entry: string, args: string[]): ProcessRun {
  const cwd = mkdtempSync(join(tmpdir(), "hum-scoring-"));
  const usageFile = join(cwd, "usage.json");
  try {
    const started = performance.now();
    const result = spawnSync(process.execPath, ["--import", usageHook, entry, ...args], {
      cwd,
      encoding: "utf8",
      maxBuffer: 1 << 30,
      env: { ...process.env, BENCH_USAGE_FILE: usageFile },
    });
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 0)
      throw new Error(`${entry} ${args.join(" ")}: ${result.error ?? result.signal ?? result.stderr}`);
    return { seconds, ...JSON.parse(readFileSync(usageFile, "utf8")), stdout: result.stdout };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** A scratch folder for prediction files, removed by the caller. */
export function scratchFolder(): string {
  return mkdtempSync(join(tmpdir(), "hum-scoring-bench-"));
}
