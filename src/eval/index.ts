// Evaluation: build the B and C eval sets of paper Table 1, run them against an endpoint, score any
// output format. See docs/evaluation.md.
export { type BuildManifest, type BuildOptions, buildEvalSets, EVAL_TASKS } from "./build-eval-sets.ts";
export { EVAL_DATASETS, type EvalInput, locateEvalInputs } from "./eval-datasets.ts";
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
