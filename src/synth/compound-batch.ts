import type { SourceEntry } from "../dictionary/index.ts";
import { defaultFormat, type OutputFormat, variantFormats } from "../formats/index.ts";
import type { CanonicalRecord, LabelSet } from "../records/index.ts";
import { estimateTokens } from "../tokenizer/index.ts";
import { SeededRandom } from "../util/index.ts";
import {
  type BasicOptions,
  basicLine,
  type PlannedInstruction,
  planInstructions,
  renderBasic,
} from "./basic.ts";
import type { ParallelCompound } from "./compound.ts";
import {
  type CompoundChoice,
  type LengthBudget,
  renderCompoundWithin,
  type Trimmed,
} from "./compound-instruction.ts";
import type { GuidelineOptions } from "./config.ts";
import { examplePoolFrom, type PoolSnapshot } from "./example-pool.ts";
import { type Guidance, type GuidelineSources, planGuidance } from "./guidelines.ts";
import { type CompoundStrategy, type InstructionRecord, instructionLine } from "./instruction-record.ts";
import { EMPTY_LABELS } from "./record-batch.ts";

/**
 * Compound synthesis on several threads: the thread reading the input makes every choice the mix
 * depends on, in input order (see `ParallelCompound`), and sends each record with one job per planned
 * instruction; a renderer plans the record again (the same plans: they depend on the record, its id,
 * the labels and the seed alone), makes the draws a job left to it (guidelines that cannot come out
 * empty, the format) and renders it. Example records the deciding thread picked travel once, in the
 * run's example table, and jobs name them by number: a renderer's caches of written examples then
 * meet the same records again, as on one thread.
 */
export interface CompoundBatch {
  records: Array<{ record: CanonicalRecord; recordId: string; jobs: SentJob[] }>;
}

/**
 * What becomes of one planned instruction: basic, compound as chosen (rendered wherever the run renders),
 * or instructions already rendered here (several variants, a preference rule or an ablation: their
 * rendering feeds back into the mix, or the rule cannot be sent to another thread).
 */
export type CompoundJob =
  | { kind: "basic" }
  | CompoundDecision
  | { kind: "rendered"; instructions: InstructionRecord[] };

/** A compound instruction as decided: what it carries, and the draws left for where it is rendered. */
export interface CompoundDecision {
  kind: "compound";
  choice: Omit<CompoundChoice, "format">;
  /**
   * The draws still to make, in this order: its guidelines when they are sampled later
   * (`guidanceLater`), then with the format strategy its format (`jobFormat`).
   */
  draws?: SeededRandom;
  /** Its guidelines are sampled where it is rendered: they cannot come out empty (see `surelyGuided`). */
  guidanceLater?: true;
}

/** What a renderer samples guidelines from: the sources of a plan's labels, and how to sample. */
export interface GuidelineSetting {
  sources(plan: PlannedInstruction): GuidelineSources;
  options: GuidelineOptions;
}

/** A `GuidelineSetting` as worker threads are told it: the dictionary's source entries, the pool as data. */
export interface SentGuidelines {
  entries?: Record<string, SourceEntry>;
  pool?: PoolSnapshot;
  options: GuidelineOptions;
}

/** The setting a renderer samples guidelines in, from what it was told. */
export function guidelineSetting({ entries, pool, options }: SentGuidelines): GuidelineSetting {
  const examples = pool && examplePoolFrom(pool);
  return { sources: (plan) => ({ entry: entries?.[plan.record.source], pool: examples }), options };
}

/** The instructions of a job, rendered on this thread; `rendered` hears of each compound one. */
export function renderJob(
  plan: PlannedInstruction,
  job: CompoundJob,
  seed: number,
  budget: LengthBudget,
  rendered: ParallelCompound["rendered"],
  guidelines: GuidelineSetting,
): InstructionRecord[] {
  if (job.kind === "basic") return [renderBasic(plan, seed)];
  if (job.kind === "rendered") return job.instructions;
  const choice = completeChoice(plan, job, guidelines);
  const { instruction, trimmed } = renderCompoundWithin(plan, choice, seed, budget);
  rendered(trimmed, choice.format.name);
  return [instruction];
}

/** A compound decision made whole where it is rendered: its guidelines sampled if left, then its format. */
export function completeChoice(
  plan: PlannedInstruction,
  { choice, draws, guidanceLater }: CompoundDecision,
  guidelines: GuidelineSetting,
): CompoundChoice {
  let { guidance } = choice;
  if (guidanceLater) {
    if (!draws) throw new Error("guidelines left to sample without their draws");
    guidance = planGuidance(plan, plan.chunk.labels, guidelines.sources(plan), guidelines.options, draws);
  }
  const format = jobFormat(plan, choice.strategies.includes("format") ? draws : undefined);
  return guidance ? { ...choice, guidance, format } : { ...choice, format };
}

/** A compound job's format: with the format strategy, one of the formats the plan's answer reads back from. */
export function jobFormat(plan: PlannedInstruction, formatDraws: SeededRandom | undefined): OutputFormat {
  return formatDraws ? formatDraws.pick(variantFormats(plan.task, plan.chunk, plan.answer)) : defaultFormat;
}

/** A job as a renderer takes it (undefined in `CompoundJob` terms, a plan task balancing dropped, is `dropped`). */
export type SentJob =
  | { kind: "basic" }
  | { kind: "dropped" }
  | { kind: "compound"; choice: SentChoice }
  | { kind: "rendered"; lines: string[] };

export interface SentChoice {
  strategies: CompoundStrategy[];
  /** The state of the draws left to make (`CompoundDecision.draws`). */
  draws?: readonly number[];
  guidanceLater?: true;
  guidance?: Omit<Guidance, "examples"> & { examples: number[] };
}

/** A rendered compound batch: its lines, and what fitting each compound instruction took. */
export interface RenderedCompound {
  /** As `RenderedBatch.instructions`: the lines, or from a worker thread their UTF-8 bytes. */
  instructions: readonly string[] | Uint8Array;
  count: number;
  /** Each compound instruction's format and what fitting it took, in order. */
  compound: Array<{ format: string; trimmed: Trimmed }>;
}

/** The example records jobs name by number, numbered on the deciding thread as they are first shown. */
export class ExampleTable {
  readonly #numbers = new Map<CanonicalRecord, number>();
  #fresh: CanonicalRecord[] = [];

  /** A job as a renderer takes it. */
  sent(job: CompoundJob | undefined): SentJob {
    if (!job) return { kind: "dropped" };
    if (job.kind === "basic") return job;
    if (job.kind === "rendered") return { kind: "rendered", lines: job.instructions.map(instructionLine) };
    const { strategies, guidance, rule } = job.choice;
    // A rule is code: instructions under one are rendered where they are decided (compound.ts).
    if (rule) throw new Error("a compound job under a preference rule cannot be sent");
    const choice: SentChoice = { strategies };
    if (job.draws) choice.draws = job.draws.state();
    if (job.guidanceLater) choice.guidanceLater = true;
    if (guidance)
      choice.guidance = {
        ...guidance,
        examples: guidance.examples.map(({ record }) => this.#number(record)),
      };
    return { kind: "compound", choice };
  }

  /** Records numbered since the last call: every renderer is told of them before a batch naming them. */
  takeFresh(): CanonicalRecord[] {
    const fresh = this.#fresh;
    this.#fresh = [];
    return fresh;
  }

  #number(record: CanonicalRecord): number {
    let number = this.#numbers.get(record);
    if (number === undefined) {
      this.#numbers.set(record, (number = this.#numbers.size));
      this.#fresh.push(record);
    }
    return number;
  }
}

/**
 * The rendering side: the example table as told, the budget compound instructions fit into, and what
 * guidelines left to it are sampled from.
 */
export class CompoundRenderer {
  readonly #examples: CanonicalRecord[] = [];
  readonly #budget: LengthBudget;
  readonly #guidelines: GuidelineSetting;

  constructor(tokens: number, guidelines: SentGuidelines) {
    this.#budget = { tokens, count: estimateTokens };
    this.#guidelines = guidelineSetting(guidelines);
  }

  addExamples(records: readonly CanonicalRecord[]): void {
    this.#examples.push(...records);
  }

  render(
    batch: CompoundBatch,
    universe: ReadonlyMap<string, LabelSet>,
    options: BasicOptions,
  ): RenderedCompound {
    const lines: string[] = [];
    const compound: RenderedCompound["compound"] = [];
    for (const { record, recordId, jobs } of batch.records) {
      const plans = planInstructions(record, recordId, universe.get(record.source) ?? EMPTY_LABELS, options);
      if (plans.length !== jobs.length)
        throw new Error(
          `record ${recordId}: ${jobs.length} jobs sent for ${plans.length} planned instructions`,
        );
      for (const [i, job] of jobs.entries()) {
        if (job.kind === "basic") lines.push(basicLine(plans[i], options.seed));
        else if (job.kind === "rendered") lines.push(...job.lines);
        else if (job.kind === "compound") {
          const choice = completeChoice(plans[i], this.#decision(job.choice), this.#guidelines);
          const rendered = renderCompoundWithin(plans[i], choice, options.seed, this.#budget);
          lines.push(instructionLine(rendered.instruction));
          compound.push({ format: choice.format.name, trimmed: rendered.trimmed });
        }
      }
    }
    return { instructions: lines, count: lines.length, compound };
  }

  #decision({ strategies, draws, guidanceLater, guidance }: SentChoice): CompoundDecision {
    return {
      kind: "compound",
      choice: {
        strategies,
        variant: 0,
        guidance: guidance && {
          ...guidance,
          examples: guidance.examples.map((number) => ({ record: this.#examples[number] })),
        },
      },
      draws: draws && SeededRandom.resumed(draws),
      ...(guidanceLater ? { guidanceLater } : {}),
    };
  }
}
