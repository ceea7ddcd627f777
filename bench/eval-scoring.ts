// Scoring throughput: seeded NER, RE and EE predictions (IEPile JSON, half the NER ones perturbed),
// pooled and scored by the default scorer; reports records per second for each task.
import { scorePredictions } from "../src/eval/score-predictions.ts";
import { syntheticPredictions } from "../test/support/synthetic-predictions.ts";

export interface EvalScoringResult {
  task: "NER" | "RE" | "EE";
  records: number;
  seconds: number;
  records_per_second: number;
  /** The floor: JSON.parse of every output, the least any scorer must do. */
  parse_only_seconds: number;
}

export async function benchEvalScoring(
  options: { count?: number; seed?: number } = {},
): Promise<EvalScoringResult[]> {
  const count = options.count ?? 100_000;
  const results: EvalScoringResult[] = [];
  for (const task of ["NER", "RE", "EE"] as const) {
    const { predictions } = syntheticPredictions(task, count, options.seed ?? 1);
    const parseStarted = performance.now();
    for (const prediction of predictions) if (prediction.output) JSON.parse(prediction.output);
    const parse_only_seconds = (performance.now() - parseStarted) / 1000;
    const started = performance.now();
    const report = await scorePredictions(predictions);
    const seconds = (performance.now() - started) / 1000;
    if (report.results[0]?.records !== count)
      throw new Error(`${task}: scored ${report.results[0]?.records} of ${count}`);
    results.push({
      task,
      records: count,
      seconds,
      records_per_second: Math.round(count / seconds),
      parse_only_seconds,
    });
  }
  return results;
}

if (import.meta.main) console.table(await benchEvalScoring());
