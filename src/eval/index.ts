// Evaluation: build the B and C eval sets of paper Table 1, run them against an endpoint, score any
// output format. See docs/evaluation.md.
import type { BuildManifest, BuildOptions } from "./build-eval-sets.ts";

export type { BuildManifest, BuildOptions } from "./build-eval-sets.ts";
export { EVAL_DATASETS, EVAL_TASKS, type EvalInput, locateEvalInputs } from "./eval-datasets.ts";
export type { EvalDatasetName, EvalRecord, EvalVariant, PredictionRecord } from "./eval-record.ts";
export { readEvalRecords, readPredictionBatches, readPredictions } from "./eval-record-schema.ts";
export { IEPILE_TASKS, type IepileTask, scoreIepilePredictions } from "./iepile-predictions.ts";
export { labelDescriptions, readLabelDescriptions } from "./label-descriptions.ts";
export { type ParsedOutput, parseOutput } from "./output-parsing.ts";
export { formatReportTable } from "./report-table.ts";
export { DEFAULT_GENERATION, evalSetFiles, runEval, writeReferencePredictions } from "./run-eval.ts";
export {
  type PredictionDetail,
  type ScoreOptions,
  type ScoreReport,
  scorePredictionBatches,
  scorePredictions,
} from "./score-predictions.ts";

/**
 * Build the eval sets (see build-eval-sets.ts). Loaded when called: building reads datasets and
 * synthesises instructions, most of Hum, which `hum eval score` and `run` would load for nothing.
 */
export async function buildEvalSets(options: BuildOptions): Promise<BuildManifest> {
  const build = await import("./build-eval-sets.ts");
  return build.buildEvalSets(options);
}
