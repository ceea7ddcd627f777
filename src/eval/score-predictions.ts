import { type ScoreTuple, type TaskName, type TaskSpec, taskByName } from "../tasks/index.ts";
import { compareCodePoints, compareCodeUnits, SeenKeys } from "../util/index.ts";
import { evalDataset } from "./eval-datasets.ts";
import type { EvalVariant, PredictionRecord } from "./eval-record.ts";
import { parseIepileOutput } from "./iepile-extraction.ts";
import { accuracy, prf } from "./metrics.ts";
import { type ParsedOutput, parseOutput } from "./output-parsing.ts";
import { pythonRound2 } from "./python-round.ts";
import {
  addCounts,
  countTuples,
  emptyCounts,
  foldText,
  type MatchCounts,
  type Matching,
  type PerLabel,
  tupleKey,
} from "./tuple-matching.ts";

export interface ScoreOptions {
  /** `iepile`: IEPile's parsing (plain JSON only) and arithmetic (rounded P/R, multiset matching). */
  compat?: "iepile";
  /** Fold case and drop whitespace in every tuple element before matching. */
  normalize?: boolean;
  /** Called once per prediction with how its output was read (`hum eval score --details`). */
  onPrediction?: (detail: PredictionDetail) => void;
}

/** How one output was read: the reader that took it, or why none could; tuples kept and dropped. */
export interface PredictionDetail {
  id: string;
  dataset: string;
  variant: EvalVariant;
  record_id: string;
  read_as: string;
  reason?: string;
  tuples: number;
  /** Tuples whose label the chunk did not ask (dropped in default mode). */
  outside_labels: number;
}

/** One dataset × variant row of the report. */
export interface SetResult {
  dataset: string;
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
  /** Outputs per way they were read (`json`, `json-fenced`, `json-in-prose`, `markdown-table`, …, `unparseable`). */
  read_as: Record<string, number>;
  /** Predicted tuples dropped because their label was not asked by the chunk (default mode). */
  outside_labels: number;
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
  dataset: string;
  variant: EvalVariant;
  label: string;
  counts: MatchCounts;
  precision: number;
  recall: number;
  f1: number;
}

export interface SourceResult {
  dataset: string;
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

/** Which tuple element is the label, for per-label figures and for keeping to the asked labels. */
const LABEL_INDEX: Partial<Record<TaskName, number>> = {
  NER: 0,
  RE: 1,
  SPO: 1,
  EE: 0,
  EET: 0,
  EEA: 0,
  TC: 0,
};

/** One read output, ready to pool: what any predictions format (ours, IEPile's) becomes. */
export interface ScoredOutput {
  dataset: string;
  title: string;
  variant: EvalVariant;
  task: TaskSpec;
  /** Outputs sharing it are pooled; they must be adjacent in the input. */
  record_id: string;
  source: string;
  /** Gold tuples this output adds to its record (each chunk's label), or the record's whole gold. */
  gold: readonly ScoreTuple[];
  goldArguments: readonly ScoreTuple[];
  /** True when `gold` is the record's whole gold, repeated on every line: only the first counts. */
  goldPerRecord?: boolean;
  parsed: ParsedOutput;
  failed: boolean;
}

/**
 * The tuples of one record's outputs so far. Its lists are those of the outputs themselves, never
 * changed: a record of one output (most records) is scored without copying any, and another output's
 * tuples make a new list (`pooled`).
 */
interface RecordPool {
  set: SetAccumulator;
  record_id: string;
  source: string;
  gold: readonly ScoreTuple[];
  predicted: readonly ScoreTuple[];
  goldArguments: readonly ScoreTuple[];
  predictedArguments: readonly ScoreTuple[];
}

const NONE: readonly ScoreTuple[] = [];

/** A pool's list with more tuples: a new list, or one of the two when the other is empty. */
function pooled(list: readonly ScoreTuple[], more: readonly ScoreTuple[]): readonly ScoreTuple[] {
  if (more.length === 0) return list;
  return list.length === 0 ? more : list.concat(more);
}

interface SetAccumulator {
  dataset: string;
  title: string;
  variant: EvalVariant;
  task: TaskSpec;
  records: number;
  outputs: number;
  unparseable: number;
  failed: number;
  readAs: Map<string, number>;
  outsideLabels: number;
  total: MatchCounts;
  argumentTotal: MatchCounts;
  labelCounts: Map<string, MatchCounts>;
  /** How a record's tuples count under their labels (into `labelCounts`): made once a set, not a record. */
  perLabel: PerLabel | undefined;
  sourceCounts: Map<string, MatchCounts & { records: number }>;
}

/** Pool every record's chunk outputs and score each dataset × variant (our eval-record predictions). */
export async function scorePredictions(
  predictions: AsyncIterable<PredictionRecord> | Iterable<PredictionRecord>,
  options: ScoreOptions = {},
): Promise<ScoreReport> {
  return scorePredictionBatches(onePerBatch(predictions), options);
}

async function* onePerBatch<T>(items: AsyncIterable<T> | Iterable<T>): AsyncIterable<T[]> {
  for await (const item of items) yield [item];
}

/** `scorePredictions` over predictions read in pieces (`readPredictionBatches`). */
export async function scorePredictionBatches(
  batches: AsyncIterable<readonly PredictionRecord[]>,
  options: ScoreOptions = {},
): Promise<ScoreReport> {
  const scorer = new StreamingScorer(options);
  let set: PredictionSet | undefined;
  try {
    for await (const batch of batches)
      for (const prediction of batch) {
        // Lines of one set come together: most lines are of the set of the line before.
        if (set?.dataset !== prediction.dataset || set.task.name !== prediction.task)
          set = predictionSet(prediction);
        scorer.add(fromPrediction(prediction, set, options), prediction.id);
      }
    return scorer.finish();
  } finally {
    scorer.close();
  }
}

/** What the predictions of one eval set share: their task and the set's title. */
interface PredictionSet {
  dataset: string;
  title: string;
  task: TaskSpec;
}

function predictionSet(prediction: PredictionRecord): PredictionSet {
  const task = taskByName(prediction.task);
  return { dataset: prediction.dataset, title: evalDataset(prediction.dataset).title, task };
}

function fromPrediction(
  prediction: PredictionRecord,
  { title, task }: PredictionSet,
  options: ScoreOptions,
): ScoredOutput {
  return {
    dataset: prediction.dataset,
    title,
    variant: prediction.variant,
    task,
    record_id: prediction.record_id,
    source: prediction.source,
    gold: task.tuples(prediction.label),
    goldArguments: task.argumentTuples?.(prediction.label) ?? NONE,
    parsed: parseOne(task, prediction, options),
    failed: prediction.output === null,
  };
}

/**
 * Scoring in flat memory: the outputs of one record are pooled while they come, scored when the next
 * record starts, and dropped; only counts (per set, label and source) stay. A record's outputs must be
 * adjacent, as `hum eval run` and IEPile's converter write them; a record seen again after others is an
 * error (pooling it would need every record kept). Records started are kept as `SeenKeys`: a repeat is
 * told as it comes while its record's first start is still in memory, else by `finish`, which reads back
 * the older ones from disk; `close` removes those when scoring stops before `finish`.
 */
export class StreamingScorer {
  readonly #options: ScoreOptions;
  readonly #sets = new Map<string, SetAccumulator>();
  readonly #seen = new SeenKeys();
  #current: RecordPool | undefined;
  #count = 0;

  constructor(options: ScoreOptions = {}) {
    this.#options = options;
  }

  add(output: ScoredOutput, id = output.record_id): void {
    this.#count++;
    const set = this.#setOf(output);
    let pool = this.#current;
    if (pool?.set !== set || pool.record_id !== output.record_id) {
      this.#closeRecord();
      if (!this.#seen.add(`${output.dataset}\u0000${output.variant}\u0000${output.record_id}`, this.#count))
        throw repeatError(
          `${id === output.record_id ? `prediction ${this.#count}` : id}: record "${output.record_id}" of ` +
            `${output.title} ${output.variant}`,
        );
      pool = {
        set,
        record_id: output.record_id,
        source: output.source,
        gold: output.gold,
        goldArguments: output.goldArguments,
        predicted: NONE,
        predictedArguments: NONE,
      };
      this.#current = pool;
    } else if (!output.goldPerRecord) {
      pool.gold = pooled(pool.gold, output.gold);
      pool.goldArguments = pooled(pool.goldArguments, output.goldArguments);
    }
    this.#read(set, pool, output, id);
  }

  finish(): ScoreReport {
    this.#closeRecord();
    const repeat = this.#seen.finish();
    if (repeat) throw repeatError(`prediction ${repeat.again}: the record of prediction ${repeat.first}`);
    return report([...this.#sets.values()].sort(bySetOrder), this.#options);
  }

  /** Remove the record keys spilled to disk, for a scorer left before `finish` (which removes them too). */
  close(): void {
    this.#seen.close();
  }

  #setOf(output: ScoredOutput): SetAccumulator {
    // Lines of one set come together: most lines find the set of the line before.
    const current = this.#current?.set;
    if (current?.dataset === output.dataset && current.variant === output.variant) return current;
    const key = `${output.dataset}\u0000${output.variant}`;
    let set = this.#sets.get(key);
    if (!set) {
      const labelCounts = new Map<string, MatchCounts>();
      set = {
        dataset: output.dataset,
        title: output.title,
        variant: output.variant,
        task: output.task,
        records: 0,
        outputs: 0,
        unparseable: 0,
        failed: 0,
        readAs: new Map(),
        outsideLabels: 0,
        total: emptyCounts(),
        argumentTotal: emptyCounts(),
        labelCounts,
        perLabel: perLabelOf(output.task, labelCounts, this.#options.normalize ?? false),
        sourceCounts: new Map(),
      };
      this.#sets.set(key, set);
    }
    return set;
  }

  #read(set: SetAccumulator, pool: RecordPool, output: ScoredOutput, id: string): void {
    set.outputs++;
    const { parsed } = output;
    const readAs = output.failed ? "failed" : parsed.ok ? parsed.how : "unparseable";
    set.readAs.set(readAs, (set.readAs.get(readAs) ?? 0) + 1);
    let kept = 0;
    let outside = 0;
    if (!parsed.ok) {
      set.unparseable++;
      if (output.failed) set.failed++;
    } else {
      const labels =
        output.task.style === "json" && this.#options.compat !== "iepile" ? parsed.askedLabels : undefined;
      const index = LABEL_INDEX[output.task.name];
      const predicted =
        labels && index !== undefined ? askedTuples(parsed.tuples, labels, index) : parsed.tuples;
      kept = predicted.length;
      outside = parsed.tuples.length - kept;
      set.outsideLabels += outside;
      pool.predicted = pooled(pool.predicted, predicted);
      pool.predictedArguments = pooled(
        pool.predictedArguments,
        labels ? askedTuples(parsed.argumentTuples, labels, 0) : parsed.argumentTuples,
      );
    }
    this.#options.onPrediction?.({
      id,
      dataset: output.dataset,
      variant: output.variant,
      record_id: output.record_id,
      read_as: readAs,
      ...(parsed.ok ? {} : { reason: parsed.reason }),
      tuples: kept,
      outside_labels: outside,
    });
  }

  #closeRecord(): void {
    const pool = this.#current;
    if (!pool) return;
    this.#current = undefined;
    const { set } = pool;
    const matching: Matching = this.#options.compat === "iepile" ? "multiset" : "set";
    const normalize = this.#options.normalize ?? false;
    let counts: MatchCounts;
    if (set.task.style === "text") {
      counts = choiceCounts(pool, normalize);
      countChoiceLabel(pool, LABEL_INDEX[set.task.name], counts, set.labelCounts);
    } else counts = countTuples(pool.gold, pool.predicted, matching, normalize, set.perLabel);
    set.records++;
    addCounts(set.total, counts);
    if (pool.goldArguments.length > 0 || pool.predictedArguments.length > 0)
      addCounts(
        set.argumentTotal,
        countTuples(pool.goldArguments, pool.predictedArguments, matching, normalize),
      );
    let source = set.sourceCounts.get(pool.source);
    if (!source) {
      source = { ...emptyCounts(), records: 0 };
      set.sourceCounts.set(pool.source, source);
    }
    addCounts(source, counts);
    source.records++;
  }
}

/** The tuples whose label (element `index`) the chunk asked: `tuples` itself when it holds no other. */
function askedTuples(
  tuples: readonly ScoreTuple[],
  labels: readonly string[],
  index: number,
): readonly ScoreTuple[] {
  let kept: ScoreTuple[] | undefined;
  for (let i = 0; i < tuples.length; i++)
    if (labels.includes(tuples[i][index])) kept?.push(tuples[i]);
    else kept ??= tuples.slice(0, i);
  return kept ?? tuples;
}

/** Under --normalize "Person" and "person" are one label, as they are one tuple element. */
function perLabelOf(
  task: TaskSpec,
  into: Map<string, MatchCounts>,
  normalize: boolean,
): PerLabel | undefined {
  const index = LABEL_INDEX[task.name];
  if (index === undefined) return undefined;
  const labelOf = normalize
    ? (tuple: ScoreTuple) => foldText(tuple[index])
    : (tuple: ScoreTuple) => tuple[index];
  return { labelOf, into };
}

function repeatError(record: string): Error {
  return new Error(
    `${record} comes again after other records; ` +
      "a record's predictions must be adjacent (sort the file by record)",
  );
}

function parseOne(task: TaskSpec, prediction: PredictionRecord, options: ScoreOptions): ParsedOutput {
  if (prediction.output === null) return { ok: false, reason: prediction.error?.reason ?? "failed" };
  const parsed =
    options.compat === "iepile"
      ? parseIepileOutput(task, prediction.output, prediction.chunk)
      : parseOutput(task, prediction.output, prediction.chunk, prediction.format);
  // Every reader returns a fresh object: mark it rather than copy it.
  if (parsed.ok) parsed.askedLabels = prediction.chunk.labels;
  return parsed;
}

function report(sets: SetAccumulator[], options: ScoreOptions): ScoreReport {
  const iepile = options.compat === "iepile";
  const result: ScoreReport = {
    mode: iepile ? "iepile" : "default",
    normalize: options.normalize ?? false,
    results: [],
    average: {},
    per_label: [],
    by_source: [],
  };
  for (const set of sets) {
    const scored = scoreSet(set, iepile);
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

function scoreSet(set: SetAccumulator, iepile: boolean) {
  const { task, total, argumentTotal } = set;
  const base = {
    dataset: set.dataset,
    title: set.title,
    variant: set.variant,
    task: task.name,
    records: set.records,
    outputs: set.outputs,
    unparseable: set.unparseable,
    failed: set.failed,
    read_as: Object.fromEntries([...set.readAs.entries()].sort(([a], [b]) => compareCodePoints(a, b))),
    outside_labels: set.outsideLabels,
  };
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
  const labels: LabelResult[] = [...set.labelCounts.entries()]
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([label, counts]) => ({
      dataset: set.dataset,
      variant: set.variant,
      label,
      counts,
      ...labelFigures(task, counts, iepile),
    }));
  const sources: SourceResult[] =
    set.sourceCounts.size < 2
      ? []
      : [...set.sourceCounts.entries()]
          .sort(([a], [b]) => compareCodePoints(a, b))
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

/** One record, one question: correct when the (first) predicted choice is the gold one. */
function choiceCounts(record: RecordPool, normalize: boolean): MatchCounts {
  const gold = record.gold[0] ? tupleKey(record.gold[0], normalize) : undefined;
  const predicted = record.predicted[0] ? tupleKey(record.predicted[0], normalize) : undefined;
  return {
    gold: 1,
    predicted: predicted === undefined ? 0 : 1,
    correct: predicted !== undefined && predicted === gold ? 1 : 0,
  };
}

/** A choice record counts under its gold choice. */
function countChoiceLabel(
  record: RecordPool,
  index: number | undefined,
  counts: MatchCounts,
  into: Map<string, MatchCounts>,
): void {
  const label = index === undefined ? undefined : record.gold[0]?.[index];
  if (label === undefined) return;
  const total = into.get(label) ?? emptyCounts();
  into.set(label, total);
  addCounts(total, counts);
}

const SET_ORDER: string[] = ["crossner", "fewrel", "fewfc", "c3", "imdb"];

function bySetOrder(a: SetAccumulator, b: SetAccumulator): number {
  return (
    SET_ORDER.indexOf(a.dataset) - SET_ORDER.indexOf(b.dataset) || compareCodeUnits(a.variant, b.variant)
  );
}
