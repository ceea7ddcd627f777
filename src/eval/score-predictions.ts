import { type ScoreTuple, type TaskName, type TaskSpec, taskByName } from "../tasks/index.ts";
import { evalDataset } from "./eval-datasets.ts";
import type { EvalDatasetName, EvalVariant, PredictionRecord } from "./eval-record.ts";
import { parseIepileOutput } from "./iepile-extraction.ts";
import { accuracy, prf } from "./metrics.ts";
import { type ParsedOutput, parseOutput } from "./output-parsing.ts";
import { pythonRound2 } from "./python-round.ts";
import {
  addCounts,
  emptyCounts,
  foldText,
  type MatchCounts,
  type Matching,
  matchTuples,
  tupleKey,
} from "./tuple-matching.ts";

export interface ScoreOptions {
  /** `iepile`: IEPile's parsing (plain JSON only) and arithmetic (rounded P/R, multiset matching). */
  compat?: "iepile";
  /** Fold case and drop whitespace in every tuple element before matching. */
  normalize?: boolean;
}

/** One dataset × variant row of the report. */
export interface SetResult {
  dataset: EvalDatasetName;
  title: string;
  variant: EvalVariant;
  task: TaskName;
  /** Records scored (their chunks pooled). */
  records: number;
  /** Model outputs read (one per chunk). */
  outputs: number;
  /** Outputs that could not be read, failed requests included: errors that contribute no predictions. */
  unparseable: number;
  /** Requests that never got an answer (also counted in `unparseable`). */
  failed: number;
  precision?: number;
  recall?: number;
  f1?: number;
  accuracy?: number;
  argument_precision?: number;
  argument_recall?: number;
  argument_f1?: number;
  counts: MatchCounts & { argument?: MatchCounts };
}

export interface LabelResult {
  dataset: EvalDatasetName;
  variant: EvalVariant;
  label: string;
  counts: MatchCounts;
  precision: number;
  recall: number;
  f1: number;
}

export interface SourceResult {
  dataset: EvalDatasetName;
  variant: EvalVariant;
  source: string;
  records: number;
  counts: MatchCounts;
  precision: number;
  recall: number;
  f1: number;
}

export interface ScoreReport {
  mode: "default" | "iepile";
  normalize: boolean;
  results: SetResult[];
  /** Mean over the datasets of F1 or accuracy; EE counts as the mean of its event and argument F1. */
  average: Partial<Record<EvalVariant, number>>;
  per_label: LabelResult[];
  /** Per-source figures of sets pooled over several sources (CrossNER's domains). */
  by_source: SourceResult[];
}

/** Which tuple element is the label, for per-label figures. */
const LABEL_INDEX: Partial<Record<TaskName, number>> = {
  NER: 0,
  RE: 1,
  SPO: 1,
  EE: 0,
  EET: 0,
  EEA: 0,
  TC: 0,
};

interface RecordTuples {
  source: string;
  gold: ScoreTuple[];
  predicted: ScoreTuple[];
  goldArguments: ScoreTuple[];
  predictedArguments: ScoreTuple[];
}

interface SetAccumulator {
  dataset: EvalDatasetName;
  variant: EvalVariant;
  task: TaskSpec;
  records: Map<string, RecordTuples>;
  outputs: number;
  unparseable: number;
  failed: number;
}

/** Pool every record's chunk outputs and score each dataset × variant. */
export async function scorePredictions(
  predictions: AsyncIterable<PredictionRecord> | Iterable<PredictionRecord>,
  options: ScoreOptions = {},
): Promise<ScoreReport> {
  const sets = new Map<string, SetAccumulator>();
  for await (const prediction of predictions) addPrediction(sets, prediction, options);
  return report([...sets.values()].sort(bySetOrder), options);
}

function addPrediction(
  sets: Map<string, SetAccumulator>,
  prediction: PredictionRecord,
  options: ScoreOptions,
): void {
  const key = `${prediction.dataset}\u0000${prediction.variant}`;
  let set = sets.get(key);
  if (!set) {
    const task = taskByName(prediction.task);
    set = {
      dataset: prediction.dataset,
      variant: prediction.variant,
      task,
      records: new Map(),
      outputs: 0,
      unparseable: 0,
      failed: 0,
    };
    sets.set(key, set);
  }
  const { task } = set;
  let record = set.records.get(prediction.record_id);
  if (!record) {
    record = {
      source: prediction.source,
      gold: [],
      predicted: [],
      goldArguments: [],
      predictedArguments: [],
    };
    set.records.set(prediction.record_id, record);
  }
  record.gold.push(...task.tuples(prediction.label));
  record.goldArguments.push(...(task.argumentTuples?.(prediction.label) ?? []));
  set.outputs++;
  const parsed = parseOne(task, prediction, options);
  if (!parsed.ok) {
    set.unparseable++;
    if (prediction.output === null) set.failed++;
    return;
  }
  record.predicted.push(...parsed.tuples);
  record.predictedArguments.push(...parsed.argumentTuples);
}

function parseOne(task: TaskSpec, prediction: PredictionRecord, options: ScoreOptions): ParsedOutput {
  if (prediction.output === null) return { ok: false, reason: prediction.error?.reason ?? "failed" };
  return options.compat === "iepile"
    ? parseIepileOutput(task, prediction.output, prediction.chunk)
    : parseOutput(task, prediction.output, prediction.chunk, prediction.format);
}

function report(sets: SetAccumulator[], options: ScoreOptions): ScoreReport {
  const iepile = options.compat === "iepile";
  const matching: Matching = iepile ? "multiset" : "set";
  const normalize = options.normalize ?? false;
  const result: ScoreReport = {
    mode: iepile ? "iepile" : "default",
    normalize,
    results: [],
    average: {},
    per_label: [],
    by_source: [],
  };
  for (const set of sets) {
    const scored = scoreSet(set, matching, normalize, iepile);
    result.results.push(scored.result);
    result.per_label.push(...scored.labels);
    result.by_source.push(...scored.sources);
  }
  for (const variant of ["B", "C"] as const) {
    const figures = result.results.filter((r) => r.variant === variant).map(headlineFigure);
    if (figures.length > 0) result.average[variant] = mean(figures);
  }
  return result;
}

/** The figure a set contributes to the average (paper Table 1: EE as the mean of trigger and argument F1). */
export function headlineFigure(result: SetResult): number {
  if (result.accuracy !== undefined) return result.accuracy;
  if (result.argument_f1 !== undefined) return ((result.f1 ?? 0) + result.argument_f1) / 2;
  return result.f1 ?? 0;
}

function mean(values: number[]): number {
  return pythonRound2(values.reduce((a, b) => a + b, 0) / values.length);
}

function scoreSet(set: SetAccumulator, matching: Matching, normalize: boolean, iepile: boolean) {
  const { task } = set;
  const base = {
    dataset: set.dataset,
    title: evalDataset(set.dataset).title,
    variant: set.variant,
    task: task.name,
    records: set.records.size,
    outputs: set.outputs,
    unparseable: set.unparseable,
    failed: set.failed,
  };
  const labelCounts = new Map<string, MatchCounts>();
  const sourceCounts = new Map<string, MatchCounts & { records: number }>();
  const total = emptyCounts();
  const argumentTotal = emptyCounts();
  for (const record of set.records.values()) {
    const counts =
      task.style === "text"
        ? choiceCounts(record, normalize)
        : tupleCounts(record.gold, record.predicted, matching, normalize);
    addCounts(total, counts);
    addCounts(
      argumentTotal,
      tupleCounts(record.goldArguments, record.predictedArguments, matching, normalize),
    );
    const source = sourceCounts.get(record.source) ?? { ...emptyCounts(), records: 0 };
    sourceCounts.set(record.source, source);
    addCounts(source, counts);
    source.records++;
    countPerLabel(task, record, matching, normalize, labelCounts);
  }
  const figures =
    task.style === "text" ? { accuracy: accuracy(total.correct, total.gold) } : prf(total, iepile);
  const result: SetResult = { ...base, ...figures, counts: { ...total } };
  if (task.argumentTuples) {
    const args = prf(argumentTotal, iepile);
    Object.assign(result, {
      argument_precision: args.precision,
      argument_recall: args.recall,
      argument_f1: args.f1,
    });
    result.counts.argument = argumentTotal;
  }
  const labels: LabelResult[] = [...labelCounts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, counts]) => ({
      dataset: set.dataset,
      variant: set.variant,
      label,
      counts,
      ...labelFigures(task, counts, iepile),
    }));
  const sources: SourceResult[] =
    sourceCounts.size < 2
      ? []
      : [...sourceCounts.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([source, { records, ...counts }]) => ({
            dataset: set.dataset,
            variant: set.variant,
            source,
            records,
            counts,
            ...labelFigures(task, counts, iepile),
          }));
  return { result, labels, sources };
}

/** Choice tasks: recall is accuracy (correct over gold), which is what their per-label rows show. */
function labelFigures(task: TaskSpec, counts: MatchCounts, iepile: boolean) {
  if (task.style !== "text") return prf(counts, iepile);
  const value = accuracy(counts.correct, counts.gold);
  return { precision: accuracy(counts.correct, counts.predicted), recall: value, f1: value };
}

function tupleCounts(
  gold: ScoreTuple[],
  predicted: ScoreTuple[],
  matching: Matching,
  normalize: boolean,
): MatchCounts {
  return matchTuples(
    gold.map((t) => tupleKey(t, normalize)),
    predicted.map((t) => tupleKey(t, normalize)),
    matching,
  );
}

/** One record, one question: correct when the (first) predicted choice is the gold one. */
function choiceCounts(record: RecordTuples, normalize: boolean): MatchCounts {
  const gold = record.gold[0] ? tupleKey(record.gold[0], normalize) : undefined;
  const predicted = record.predicted[0] ? tupleKey(record.predicted[0], normalize) : undefined;
  return {
    gold: 1,
    predicted: predicted === undefined ? 0 : 1,
    correct: predicted !== undefined && predicted === gold ? 1 : 0,
  };
}

function countPerLabel(
  task: TaskSpec,
  record: RecordTuples,
  matching: Matching,
  normalize: boolean,
  into: Map<string, MatchCounts>,
): void {
  const index = LABEL_INDEX[task.name];
  if (index === undefined) return;
  if (task.style === "text") {
    const label = record.gold[0]?.[index];
    if (label === undefined) return;
    const counts = into.get(label) ?? emptyCounts();
    into.set(label, counts);
    addCounts(counts, choiceCounts(record, normalize));
    return;
  }
  // Under --normalize "Person" and "person" are one label, as they are one tuple element.
  const labelOf = (tuple: ScoreTuple) => (normalize ? foldText(tuple[index]) : tuple[index]);
  const labels = new Set([...record.gold, ...record.predicted].map(labelOf));
  for (const label of labels) {
    const pick = (tuples: ScoreTuple[]) => tuples.filter((t) => labelOf(t) === label);
    const counts = into.get(label) ?? emptyCounts();
    into.set(label, counts);
    addCounts(counts, tupleCounts(pick(record.gold), pick(record.predicted), matching, normalize));
  }
}

const SET_ORDER: EvalDatasetName[] = ["crossner", "fewrel", "fewfc", "c3", "imdb"];

function bySetOrder(a: SetAccumulator, b: SetAccumulator): number {
  return (
    SET_ORDER.indexOf(a.dataset) - SET_ORDER.indexOf(b.dataset) ||
    (a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : 0)
  );
}
