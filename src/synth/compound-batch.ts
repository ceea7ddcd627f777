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
import type { Guidance } from "./guidelines.ts";
import { type CompoundStrategy, type InstructionRecord, instructionLine } from "./instruction-record.ts";
import { EMPTY_LABELS } from "./record-batch.ts";

/**
 * Compound synthesis on several threads: the thread reading the input decides every instruction in
 * input order (the mixer, guidelines, formats: see `ParallelCompound`) and sends each record with one
 * job per planned instruction; a renderer plans the record again (the same plans: they depend on the
 * record, its id, the labels and the seed alone) and renders each job. Example records travel once, in
 * the run's example table, and jobs name them by number: a renderer's caches of written examples then
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
  | {
      kind: "compound";
      choice: Omit<CompoundChoice, "format">;
      /** With the format strategy: the draws its format is picked with (`jobFormat`), where it is rendered. */
      formatDraws?: SeededRandom;
    }
  | { kind: "rendered"; instructions: InstructionRecord[] };

/** The instructions of a job, rendered on this thread; `rendered` hears of each compound one. */
export function renderJob(
  plan: PlannedInstruction,
  job: CompoundJob,
  seed: number,
  budget: LengthBudget,
  rendered: ParallelCompound["rendered"],
): InstructionRecord[] {
  if (job.kind === "basic") return [renderBasic(plan, seed)];
  if (job.kind === "rendered") return job.instructions;
  const format = jobFormat(plan, job.formatDraws);
  const { instruction, trimmed } = renderCompoundWithin(plan, { ...job.choice, format }, seed, budget);
  rendered(trimmed, format.name);
  return [instruction];
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
  /** With the format strategy: the state of the draws its format is picked with. */
  formatDraws?: readonly number[];
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
    if (job.formatDraws) choice.formatDraws = job.formatDraws.state();
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

/** The rendering side: the example table as told, and the budget compound instructions fit into. */
export class CompoundRenderer {
  readonly #examples: CanonicalRecord[] = [];
  readonly #budget: LengthBudget;

  constructor(tokens: number) {
    this.#budget = { tokens, count: estimateTokens };
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
          const { formatDraws } = job.choice;
          const format = jobFormat(plans[i], formatDraws && SeededRandom.resumed(formatDraws));
          const choice = this.#choice(job.choice, format);
          const rendered = renderCompoundWithin(plans[i], choice, options.seed, this.#budget);
          lines.push(instructionLine(rendered.instruction));
          compound.push({ format: format.name, trimmed: rendered.trimmed });
        }
      }
    }
    return { instructions: lines, count: lines.length, compound };
  }

  #choice({ strategies, guidance }: SentChoice, format: OutputFormat): CompoundChoice {
    return {
      strategies,
      format,
      variant: 0,
      guidance: guidance && {
        ...guidance,
        examples: guidance.examples.map((number) => ({ record: this.#examples[number] })),
      },
    };
  }
}
