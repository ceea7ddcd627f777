import { type JsonlOutput, openJsonlOutput } from "../io/index.ts";
import type { DatasetInput } from "../readers/index.ts";
import {
  type ReadItem,
  type ReadOptions,
  readDataset,
  readDatasetBatches,
  recordId,
} from "../readers/index.ts";
import type { CanonicalRecord, LabelSet } from "../records/index.ts";
import { type BasicOptions, type PlannedInstruction, planInstructions } from "./basic.ts";
import type { ParallelCompound } from "./compound.ts";
import {
  type CompoundBatch,
  type CompoundJob,
  ExampleTable,
  type RenderedCompound,
} from "./compound-batch.ts";
import { type FirstPass, runFirstPass } from "./first-pass.ts";
import { censusFor, type IdFilter } from "./id-census.ts";
import { type InstructionRecord, instructionLine } from "./instruction-record.ts";
import { scanInputs } from "./label-universe.ts";
import { type LineBatch, lineBatches } from "./line-batch.ts";
import {
  answerWithBatch,
  COMPOUND_BYTES_PER_WORKER,
  linesInPool,
  mineLinesInPool,
  removeRepeatedIds,
  scanLinesInPool,
  workerCount,
} from "./line-pipeline.ts";
import {
  type BatchItem,
  EMPTY_LABELS,
  idKey,
  type RecordBatch,
  type RenderedBatch,
  rejectLine,
} from "./record-batch.ts";
import { type Shard, shardRange } from "./shard.ts";
import { emptySummary, increment, reasonKind, type SynthSummary, sortedCounts } from "./synth-summary.ts";
import { inOrder, type RenderPool, ThisThread, WorkerPool } from "./worker-pool.ts";

export interface SynthOptions extends BasicOptions {
  inputs: DatasetInput[];
  out: string;
  /**
   * Turns a record's planned instructions into the ones written. The default writes each as a basic
   * instruction; compound synthesis supplies its own (and then runs on this thread: its mixer decides
   * in input order).
   */
  expand?: (plans: PlannedInstruction[]) => InstructionRecord[];
  /**
   * Compound synthesis's decisions apart from rendering: with it, a run of several `workers` decides on
   * this thread and renders on all of them (with one, `expand` renders each as it is decided).
   */
  parallel?: ParallelCompound;
  /**
   * Sees every accepted record before synthesis starts (compound synthesis mines its example pool), in
   * a pass of its own after the label pass, keeping only the ids that may repeat.
   */
  firstPass?: FirstPass;
  /** The summary's `mix`: compound synthesis's achieved shares beside their targets. */
  mix?: (summary: SynthSummary) => unknown;
  /**
   * Threads reading and rendering instructions: this one and `workers` − 1 worker threads (default:
   * the cores, fewer for small inputs; 1: this thread alone). Output bytes do not change.
   */
  workers?: number;
  /** Write only this part of the input items (see shard.ts). */
  shard?: Shard;
  /** A folder keeping each input's label pass while the input is unchanged (`hum synth`: .hum/labels). */
  labelCache?: string;
  /** Items per worker batch (tests make it small to exercise ordering across many batches). */
  batchItems?: number;
  /** The id census's filter (tests give one taking many new ids for repeats: the output must not change). */
  idFilter?: (expectedIds: number) => IdFilter;
}

/**
 * Items per batch a renderer takes: large enough to amortise messaging, small enough that the batches
 * in flight (three per renderer) stay out of V8's old generation. At 1000, `--workers 2` on 100k NER
 * records peaked at 363 MB against 234 MB at 250, and took 7 % longer (medians of 5 alternating runs).
 */
const BATCH_ITEMS = 250;

/**
 * Stream every input through synthesis: records in, instructions out in input order, every rejected
 * line written with its file, line and reason. Memory holds label sets, never the corpus.
 */
export async function synthesize(options: SynthOptions): Promise<SynthSummary> {
  const started = performance.now();
  const { seed, negativeRatio, schemaOrder, hardNegatives } = options;
  // Compound synthesis decides on this thread, record by record (its mixer decides in input order); it
  // renders there too unless its choices can be sent (`parallel`).
  const basic = { seed, negativeRatio, schemaOrder, hardNegatives };
  const workers =
    options.expand && !options.parallel
      ? 1
      : workerCount(
          options.workers,
          options.inputs,
          options.parallel ? COMPOUND_BYTES_PER_WORKER : undefined,
        );
  const pool: RenderPool = workers > 1 ? new WorkerPool(workers, { options: basic }) : new ThisThread(basic);
  const batchSize = options.batchItems ?? BATCH_ITEMS;
  let output: JsonlOutput | undefined;
  let rejects: JsonlOutput | undefined;
  const summary = emptySummary(options.out, `${options.out}.rejects.jsonl`);
  try {
    // Canonical JSONL goes to the pool as raw lines, for both passes: this thread finds line ends only.
    const lines = !options.shard && (await linesInPool(options.inputs, pool));
    // The label pass counts the ids of canonical lines, so synthesis need not keep every one (id-census.ts).
    const census = lines ? censusFor(options.inputs, options.idFilter) : undefined;
    const { universe, items } = await scanInputs(
      options.inputs,
      options.labelCache,
      census
        ? (input) => scanLinesInPool(options.inputs.indexOf(input), input, pool, batchSize, census)
        : undefined,
      census,
    );
    // The pass is over: its filter goes before synthesis, which keeps only the candidates' first uses.
    const lineIds = census && { tracked: census.toTrack() };
    // Records read on this thread (compound synthesis) keep those ids alone too.
    const tracked = lineIds?.tracked;
    const mayRepeat = tracked && ((source: string, id: string) => tracked.has(idKey(source, id)));
    // A pass mining the example pool runs in the pool's batches once the census names the ids to check.
    const { firstPass } = options;
    if (firstPass?.mining && tracked)
      await mineLinesInPool(options.inputs, pool, batchSize, universe, tracked, firstPass);
    else if (firstPass) await runFirstPass(options.inputs, firstPass, mayRepeat);
    const range = options.shard
      ? shardRange(items ?? (await countItems(options.inputs)), options.shard)
      : undefined;
    // Both files appear only once the run is complete: a killed run leaves the previous ones in place.
    output = openJsonlOutput(options.out);
    rejects = openJsonlOutput(summary.outputs.rejects);
    // Readers note what they changed (into the summary), and ids must be unique across the inputs.
    const reading: ReadContext = {
      notes: { add: (note: string, n = 1) => increment(summary.reader_notes, note, n) },
      seenIds: new Map(),
      mayRepeat,
    };
    const writers = { output, rejects, summary, reading };
    if (options.parallel && workers > 1)
      await synthesizeCompoundInBatches(options, options.parallel, pool, universe, range, batchSize, writers);
    else if (options.expand) await synthesizeHere(options, options.expand, universe, range, writers);
    else await synthesizeInBatches(options.inputs, pool, universe, range, batchSize, writers, lineIds);
    rejects.commit();
    // A run that produced nothing never replaces a previous corpus with an empty file.
    if (summary.instructions.total > 0) output.commit();
  } finally {
    output?.abort();
    rejects?.abort();
    await pool.close();
  }
  summary.rejected_by_reason = sortedCounts(summary.rejected_by_reason);
  summary.reader_notes = sortedCounts(summary.reader_notes);
  for (const key of ["by_task", "by_source", "by_kind"] as const)
    summary.instructions[key] = sortedCounts(summary.instructions[key]);
  if (options.mix) summary.mix = options.mix(summary);
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** What every input of one run is read with. */
type ReadContext = Required<Pick<ReadOptions, "notes" | "seenIds">> & Pick<ReadOptions, "mayRepeat">;

interface Writers {
  output: JsonlOutput;
  rejects: JsonlOutput;
  summary: SynthSummary;
  reading: ReadContext;
}

/** Item numbers in [start, end) are written; the rest are skipped (no shard: all of them). */
type Range = readonly [number, number] | undefined;

/** A record compound synthesis reads, with its id and plans. */
interface PlannedRecord {
  record: CanonicalRecord;
  id: string;
  plans: PlannedInstruction[];
}

/**
 * The records compound synthesis reads on this thread, each with its id and plans, in input order and
 * a batch at a time (as the readers give them): rejections written and every item counted on the way.
 */
async function* plannedRecords(
  options: SynthOptions,
  universe: ReadonlyMap<string, LabelSet>,
  range: Range,
  { rejects, summary, reading }: Writers,
): AsyncGenerator<PlannedRecord[]> {
  let index = 0;
  for (const input of options.inputs) {
    // A shard's reading stops at its end: no item past it is read.
    const left = range ? range[1] - index : undefined;
    if (left !== undefined && left <= 0) return;
    for await (const items of readDatasetBatches(input.path, { ...input, ...reading }, left)) {
      const planned: PlannedRecord[] = [];
      for (const item of items) {
        const number = index++;
        if (range && number < range[0]) continue;
        summary.records.read++;
        if (!item.ok) {
          reject(item, rejects, summary);
          continue;
        }
        summary.records.accepted++;
        const { record } = item;
        const id = recordId(record, item.location);
        const labels = universe.get(record.source) ?? EMPTY_LABELS;
        planned.push({ record, id, plans: planInstructions(record, id, labels, options) });
      }
      if (planned.length > 0) yield planned;
    }
  }
}

/** Compound synthesis: record by record on this thread, each record's plans expanded in input order. */
async function synthesizeHere(
  options: SynthOptions,
  expand: NonNullable<SynthOptions["expand"]>,
  universe: ReadonlyMap<string, LabelSet>,
  range: Range,
  writers: Writers,
): Promise<void> {
  const { output, summary } = writers;
  for await (const planned of plannedRecords(options, universe, range, writers))
    for (const { plans } of planned) {
      const instructions = expand(plans);
      if (instructions.length === 0) summary.records.without_instructions++;
      for (const instruction of instructions) {
        count(instruction, summary);
        output.writeLine(instructionLine(instruction));
      }
    }
}

/**
 * Compound synthesis on several threads: decided here record by record, in input order, and rendered in
 * batches by the pool (this thread among them), written in the order they were read (compound-batch.ts).
 */
async function synthesizeCompoundInBatches(
  options: SynthOptions,
  parallel: ParallelCompound,
  pool: RenderPool,
  universe: ReadonlyMap<string, LabelSet>,
  range: Range,
  batchSize: number,
  writers: Writers,
): Promise<void> {
  const { output, summary } = writers;
  await pool.tellAll({ type: "universe", universe: [...universe] });
  await pool.tellAll({ type: "compound", tokens: parallel.tokens, guidelines: parallel.guidelines() });
  const examples = new ExampleTable();
  async function* decided(): AsyncGenerator<CompoundBatch> {
    let batch: CompoundBatch = { records: [] };
    const send = async () => {
      const fresh = examples.takeFresh();
      if (fresh.length > 0) await pool.tellAll({ type: "examples", records: fresh });
      const full = batch;
      batch = { records: [] };
      return full;
    };
    for await (const planned of plannedRecords(options, universe, range, writers))
      for (const { record, id, plans } of planned) {
        const jobs = parallel.choose(plans);
        if (countJobs(plans, jobs, summary) === 0) summary.records.without_instructions++;
        batch.records.push({ record, recordId: id, jobs: jobs.map((job) => examples.sent(job)) });
        if (batch.records.length >= batchSize) yield await send();
      }
    if (batch.records.length > 0) yield await send();
  }
  await inOrder(
    decided(),
    pool.depth,
    // This thread decides every instruction: it renders only what the workers fall behind on.
    (batch) => pool.ask<RenderedCompound>({ type: "render-compound", batch }, true),
    ({ instructions, count, compound }) => {
      if (instructions instanceof Uint8Array) output.writeEncoded(instructions, count);
      else for (const line of instructions) output.writeLine(line);
      for (const { trimmed, format } of compound) parallel.rendered(trimmed, format);
    },
  );
}

/** Count the instructions a record's jobs write into the summary; how many they are. */
function countJobs(
  plans: readonly PlannedInstruction[],
  jobs: ReadonlyArray<CompoundJob | undefined>,
  summary: SynthSummary,
): number {
  let written = 0;
  for (const [i, job] of jobs.entries()) {
    if (!job) continue;
    if (job.kind === "rendered") for (const instruction of job.instructions) count(instruction, summary);
    else countInstruction(plans[i].task.name, plans[i].record.source, job.kind, summary);
    written += job.kind === "rendered" ? job.instructions.length : 1;
  }
  return written;
}

/**
 * Basic synthesis in batches, on worker threads or this one (`pool`): the pool parses, plans and renders,
 * and the batches are written in the order they were read. Canonical JSONL (`lines`) goes as raw lines;
 * other formats are read on this thread (readers of those formats keep state across a file) and sent
 * as records.
 */
async function synthesizeInBatches(
  inputs: readonly DatasetInput[],
  pool: RenderPool,
  universe: ReadonlyMap<string, LabelSet>,
  range: Range,
  batchSize: number,
  { output, rejects, summary, reading }: Writers,
  /** Set when every input goes as canonical lines: the ids to keep (`tracked` undefined: every one). */
  lines: { tracked: ReadonlySet<string> | undefined } | undefined,
): Promise<void> {
  await pool.tellAll({ type: "universe", universe: [...universe], tracked: lines?.tracked });
  const write = (rendered: RenderedBatch) => {
    addCounts(rendered, summary);
    const { instructions } = rendered;
    if (instructions instanceof Uint8Array) output.writeEncoded(instructions, rendered.counts.instructions);
    else for (const line of instructions) output.writeLine(line);
    for (const line of rendered.rejects) rejects.writeLine(line);
  };
  if (lines) {
    // Every input is canonical JSONL on this path, so the ids are checked here alone.
    await inOrder(
      allLineBatches(inputs, batchSize),
      pool.depth,
      (batch) => answerWithBatch(batch, pool.ask<RenderedBatch>({ type: "render-lines", batch })),
      ({ batch, answer }) => write(removeRepeatedIds(batch, answer, reading.seenIds, inputs[batch.input])),
    );
    return;
  }
  await inOrder(
    batches(inputs, range, batchSize, reading),
    pool.depth,
    (batch) => pool.ask<RenderedBatch>({ type: "render", batch }),
    write,
  );
}

async function* allLineBatches(
  inputs: readonly DatasetInput[],
  batchLines: number,
): AsyncGenerator<LineBatch> {
  for (const [index, input] of inputs.entries()) yield* lineBatches(index, input.path, batchLines);
}

/** The input items in batches of one file each, as the readers give them on this thread. */
async function* batches(
  inputs: readonly DatasetInput[],
  range: Range,
  batchSize: number,
  reading?: ReadContext,
): AsyncGenerator<RecordBatch> {
  let index = 0;
  let batch: RecordBatch | undefined;
  allInputs: for (const input of inputs) {
    for await (const { file, item } of batchItems(input, reading)) {
      const number = index++;
      if (range && number < range[0]) continue;
      if (range && number >= range[1]) break allInputs;
      if (batch && (batch.file !== file || batch.items.length >= batchSize)) {
        yield batch;
        batch = undefined;
      }
      batch ??= { file, items: [] };
      batch.items.push(item);
    }
  }
  if (batch) yield batch;
}

/**
 * The items of an input as the readers give them, read on this thread: readers are stateful across a
 * run (ids unique across inputs, notes), so parsing and validating stay in input order here.
 */
async function* batchItems(
  input: DatasetInput,
  reading?: ReadContext,
): AsyncGenerator<{ file: string; item: BatchItem }> {
  for await (const item of readDataset(input.path, { ...input, ...reading })) {
    const { file, line } = item.location;
    yield item.ok
      ? { file, item: { line, record: item.record } }
      : { file, item: { line, reason: item.reason, raw: item.raw } };
  }
}

/** How many items the inputs hold (every record line or entry, accepted or not): for `--shard`. */
async function countItems(inputs: readonly DatasetInput[]): Promise<number> {
  let total = 0;
  const seenIds: ReadOptions["seenIds"] = new Map();
  for (const input of inputs)
    for await (const _ of batchItems(input, { notes: { add: () => {} }, seenIds })) total++;
  return total;
}

function addCounts({ counts }: RenderedBatch, summary: SynthSummary): void {
  summary.records.read += counts.read;
  summary.records.accepted += counts.accepted;
  summary.records.rejected += counts.rejected;
  summary.records.without_instructions += counts.withoutInstructions;
  for (const [reason, n] of Object.entries(counts.rejectedByReason))
    increment(summary.rejected_by_reason, reason, n);
  const { instructions } = summary;
  for (const [task, n] of Object.entries(counts.byTask)) increment(instructions.by_task, task, n);
  for (const [source, n] of Object.entries(counts.bySource)) increment(instructions.by_source, source, n);
  for (const [kind, n] of Object.entries(counts.byKind)) increment(instructions.by_kind, kind, n);
  instructions.total += counts.instructions;
}

function reject(item: Extract<ReadItem, { ok: false }>, rejects: JsonlOutput, summary: SynthSummary) {
  summary.records.rejected++;
  increment(summary.rejected_by_reason, reasonKind(item.reason));
  rejects.writeLine(rejectLine(item));
}

function count(instruction: InstructionRecord, summary: SynthSummary): void {
  countInstruction(instruction.task, instruction.source, instruction.kind, summary);
}

function countInstruction(task: string, source: string, kind: string, summary: SynthSummary): void {
  const { instructions } = summary;
  instructions.total++;
  increment(instructions.by_task, task);
  increment(instructions.by_source, source);
  increment(instructions.by_kind, kind);
}
