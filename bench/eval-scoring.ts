// Scoring speed and memory: `hum eval score` on generated prediction files beside the floor of reading
// and JSON.parsing the same file, each a whole process, compared in CPU seconds (a loaded machine
// stretches wall time, CPU time much less). The scores are checked against the counts the generator
// knows, so a fast scorer is also a right one.
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { MatchCounts } from "../src/eval/tuple-matching.ts";
import { floorRun, type ProcessRun, scoreRun, scratchFolder, writeSyntheticPredictions } from "./scoring.ts";

export type ScoringTask = "NER" | "RE" | "EE";

export interface ScoringResult {
  task: ScoringTask;
  predictions: number;
  /** `hum eval score` runs, whole processes. */
  score: ProcessRun[];
  /** Floor runs on the same file. */
  floor: ProcessRun[];
}

/**
 * For each task and size: one file of generated predictions, scored `runs` times and floored `runs`
 * times (alternating, so a change in the machine's load falls on both).
 */
export function benchEvalScoring(
  cases: ReadonlyArray<{ task: ScoringTask; predictions: number }>,
  runs = 3,
): ScoringResult[] {
  const dir = scratchFolder();
  try {
    return cases.map(({ task, predictions }) => {
      const file = join(dir, `${task}.${predictions}.jsonl`);
      const expected = writeSyntheticPredictions(file, task, predictions);
      const result: ScoringResult = { task, predictions, score: [], floor: [] };
      for (let run = 0; run < runs; run++) {
        result.floor.push(floorRun(file));
        const score = scoreRun(file);
        checkCounts(task, JSON.parse(score.stdout), predictions, expected);
        result.score.push(score);
      }
      rmSync(file);
      return result;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkCounts(
  task: ScoringTask,
  report: { results: Array<{ records: number; counts: MatchCounts }> },
  predictions: number,
  expected: MatchCounts,
): void {
  const [set] = report.results;
  const { gold, predicted, correct } = set?.counts ?? {};
  if (set?.records !== predictions || gold !== expected.gold || correct !== expected.correct)
    throw new Error(
      `${task}: scored ${set?.records} records ${JSON.stringify({ gold, predicted, correct })}, ` +
        `expected ${predictions} records ${JSON.stringify(expected)}`,
    );
}

if (import.meta.main) {
  const count = Number(process.argv[2] ?? 20_000);
  for (const r of benchEvalScoring([{ task: "NER", predictions: count }], 1))
    console.log(
      r.task,
      r.predictions,
      `score ${r.score[0].cpuSeconds.toFixed(2)} s CPU ${r.score[0].peakRssMb.toFixed(0)} MB`,
      `floor ${r.floor[0].cpuSeconds.toFixed(2)} s CPU ${r.floor[0].peakRssMb.toFixed(0)} MB`,
    );
}
