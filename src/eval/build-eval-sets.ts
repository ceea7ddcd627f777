import { basename, join } from "node:path";
import { type JsonlOutput, openJsonlOutput, writeFileAtomic } from "../io/index.ts";
import { readDataset } from "../readers/index.ts";
import { LabelCollector, type LabelSet } from "../records/index.ts";
import { type PlannedInstruction, planInstructions, renderBasic } from "../synth/index.ts";
import { type TaskName, taskByName } from "../tasks/index.ts";
import { stableId } from "../util/index.ts";
import { type CompoundContext, compoundInstruction } from "./eval-compound.ts";
import { EVAL_TASKS, type EvalInput, evalDataset, locateEvalInputs } from "./eval-datasets.ts";
import type { EvalDatasetName, EvalRecord, EvalVariant } from "./eval-record.ts";
import { type EvalSourceRecord, splitExamplePool } from "./example-pool.ts";
import { type LabelDescriptions, NO_DESCRIPTIONS } from "./label-descriptions.ts";

export interface BuildOptions {
  /** The datasets folder (documented layout); sets absent from it and from `overrides` are skipped. */
  datasets?: string;
  overrides?: Partial<Record<EvalDatasetName, string>>;
  out: string;
  seed: number;
  /** Records per source held out as compound examples (never scored); at most a tenth of the source. */
  examplePool: number;
  descriptions?: LabelDescriptions;
  /** Share of compound IE instructions that ask for another output format (0 keeps JSON). */
  formatShare: number;
}

export interface BuiltSet {
  dataset: EvalDatasetName;
  title: string;
  task: TaskName;
  inputs: EvalInput[];
  records: { read: number; rejected: number; example_pool: number; scored: number };
  instructions: Record<EvalVariant, number>;
  files: Record<EvalVariant, string>;
  rejections: Array<{ file: string; line: number; reason: string }>;
  example_pool_ids: string[];
}

export interface BuildManifest {
  seed: number;
  example_pool: number;
  format_share: number;
  sets: BuiltSet[];
  missing: EvalDatasetName[];
}

/**
 * Build the B and C eval sets of every dataset found: `<out>/<dataset>.B.jsonl`, `<out>/<dataset>.C.jsonl`
 * and `<out>/manifest.json`. B asks every label of the source (p = 1) in IEPile's chunks; C asks the same
 * chunks as compound instructions whose examples come from the held-out example pool.
 */
export async function buildEvalSets(options: BuildOptions): Promise<BuildManifest> {
  const located = locateEvalInputs(options.datasets, options.overrides ?? {});
  const manifest: BuildManifest = {
    seed: options.seed,
    example_pool: options.examplePool,
    format_share: options.formatShare,
    sets: [],
    missing: [],
  };
  for (const dataset of Object.keys(EVAL_TASKS) as EvalDatasetName[]) {
    const inputs = located.get(dataset);
    if (inputs) manifest.sets.push(await buildOneSet(dataset, inputs, options));
    else manifest.missing.push(dataset);
  }
  writeFileAtomic(join(options.out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function buildOneSet(
  dataset: EvalDatasetName,
  inputs: EvalInput[],
  options: BuildOptions,
): Promise<BuiltSet> {
  const task = taskByName(EVAL_TASKS[dataset]);
  const { bySource, read, rejections } = await readSources(inputs);
  const files = { B: join(options.out, `${dataset}.B.jsonl`), C: join(options.out, `${dataset}.C.jsonl`) };
  const built: BuiltSet = {
    dataset,
    title: evalDataset(dataset).title,
    task: task.name,
    inputs,
    records: { read, rejected: rejections.length, example_pool: 0, scored: 0 },
    instructions: { B: 0, C: 0 },
    files,
    rejections,
    example_pool_ids: [],
  };
  const writers = { B: openJsonlOutput(files.B), C: openJsonlOutput(files.C) };
  try {
    writeSet(dataset, task, bySource, options, writers, built);
    writers.B.commit();
    writers.C.commit();
  } finally {
    writers.B.abort();
    writers.C.abort();
  }
  return built;
}

function writeSet(
  dataset: EvalDatasetName,
  task: ReturnType<typeof taskByName>,
  bySource: ReadResult["bySource"],
  options: BuildOptions,
  writers: Record<EvalVariant, JsonlOutput>,
  built: BuiltSet,
): void {
  for (const records of bySource.values()) {
    const labels = labelSetOf(records);
    const { pool, scored } = splitExamplePool(records, task, options.examplePool, options.seed);
    built.records.example_pool += pool.length;
    built.records.scored += scored.length;
    built.example_pool_ids.push(...pool.map((r) => r.recordId));
    const compound: CompoundContext = {
      pool,
      descriptions: options.descriptions ?? NO_DESCRIPTIONS,
      seed: options.seed,
      formatShare: options.formatShare,
    };
    for (const { record, recordId } of scored) {
      const plans = planInstructions(record, recordId, labels, {
        seed: options.seed,
        negativeRatio: 1,
        schemaOrder: "sorted",
      }).filter((plan) => plan.task.name === task.name);
      for (const plan of plans) {
        writers.B.write(basicEvalRecord(dataset, plan, options.seed));
        writers.C.write(compoundEvalRecord(dataset, plan, options.seed, compound));
        built.instructions.B++;
        built.instructions.C++;
      }
    }
  }
}

interface ReadResult {
  bySource: Map<string, EvalSourceRecord[]>;
  read: number;
  rejections: BuiltSet["rejections"];
}

/** Eval slices are small: records are held per source so the example pool can be drawn from them. */
async function readSources(inputs: EvalInput[]): Promise<ReadResult> {
  const bySource = new Map<string, EvalSourceRecord[]>();
  const rejections: BuiltSet["rejections"] = [];
  let read = 0;
  for (const input of inputs) {
    // C3's two files share document ids: their record ids then carry the file name.
    const shared = inputs.filter((other) => other.source === input.source).length > 1;
    const prefix = shared ? `${input.source}/${basename(input.path)}` : input.source;
    for await (const item of readDataset(input.path, input)) {
      read++;
      if (!item.ok) {
        rejections.push({ file: item.location.file, line: item.location.line, reason: item.reason });
        continue;
      }
      const { record } = item;
      const list = bySource.get(record.source) ?? [];
      bySource.set(record.source, list);
      list.push({ record, recordId: `${prefix}/${record.id ?? `line-${item.location.line}`}` });
    }
  }
  return { bySource, read, rejections };
}

/** Every label the source's records carry: p = 1 asks all of them, absent ones as negatives. */
function labelSetOf(records: readonly EvalSourceRecord[]): LabelSet {
  const collector = new LabelCollector();
  for (const { record } of records) collector.add(record);
  const source = records[0]?.record.source ?? "";
  return collector.labelSet(source) ?? { entities: [], relations: [], events: [], classes: [], graph: [] };
}

function basicEvalRecord(dataset: EvalDatasetName, plan: PlannedInstruction, seed: number): EvalRecord {
  const basic = renderBasic(plan, seed);
  return evalRecord(dataset, "B", plan, basic.instruction, basic.output, seed);
}

function compoundEvalRecord(
  dataset: EvalDatasetName,
  plan: PlannedInstruction,
  seed: number,
  context: CompoundContext,
): EvalRecord {
  const { text, format, output } = compoundInstruction(plan, context);
  return { ...evalRecord(dataset, "C", plan, text, output, seed), format: format.name };
}

function evalRecord(
  dataset: EvalDatasetName,
  variant: EvalVariant,
  plan: PlannedInstruction,
  instruction: string,
  reference: string,
  seed: number,
): EvalRecord {
  return {
    id: stableId(seed, "eval", dataset, variant, plan.recordId, plan.task.name, plan.index),
    dataset,
    variant,
    task: plan.task.name,
    source: plan.record.source,
    lang: plan.record.lang,
    record_id: plan.recordId,
    instruction,
    chunk: plan.chunk,
    format: "default",
    label: plan.answer,
    reference_output: reference,
  };
}
