import type { LabelEntry, SourceEntry } from "../dictionary/index.ts";
import { defaultFormat, type OutputFormat, variantFormats } from "../formats/index.ts";
import type { CompoundStrategy, PlannedInstruction } from "../synth/index.ts";
import {
  DEFAULT_GUIDELINES,
  type ExamplePool,
  examplePoolOf,
  type GuidelineOptions,
  isEmptyGuidance,
  planGuidance,
  renderCompoundWithin,
} from "../synth/index.ts";
import { DEFAULT_TOKEN_BUDGET, estimateTokens, type TokenCounter } from "../tokenizer/index.ts";
import { SeededRandom } from "../util/index.ts";
import type { EvalSourceRecord } from "./example-pool.ts";
import type { LabelDescriptions } from "./label-descriptions.ts";

export interface CompoundContext {
  pool: readonly EvalSourceRecord[];
  descriptions: LabelDescriptions;
  seed: number;
  /** Share of IE instructions that ask for another output format (spec §5 format variants). */
  formatShare: number;
  tokenBudget?: number;
  countTokens?: TokenCounter;
}

/** A compound instruction and the output format it asks for, with its reference output. */
export interface CompoundInstruction {
  text: string;
  format: OutputFormat;
  output: string;
}

/**
 * Eval C sets show every label under its own name with its first description (no masks, synonyms or
 * typical values: the set is to measure one thing), and examples only from the held-out pool.
 */
const EVAL_GUIDELINES: GuidelineOptions = {
  ...DEFAULT_GUIDELINES,
  maskRate: 0,
  synonymRate: 0,
  typicalValues: false,
};

/** The example pool of one source's held-out records, built once per pool. */
const pools = new WeakMap<readonly EvalSourceRecord[], ExamplePool>();

/**
 * The compound (C) instruction for a plan, written by the same builder as synthesis (paper Tables 17–22):
 * eval supplies the held-out example pool and the descriptions; a seeded share of IE instructions asks
 * for another output format (examples then use it too).
 */
export function compoundInstruction(plan: PlannedInstruction, context: CompoundContext): CompoundInstruction {
  let pool = pools.get(context.pool);
  if (!pool)
    pools.set(
      context.pool,
      (pool = examplePoolOf(
        context.pool.map((p) => p.record),
        context.seed,
      )),
    );
  const random = new SeededRandom(
    context.seed,
    plan.record.source,
    plan.recordId,
    plan.task.name,
    plan.index,
    "C",
  );
  const entry = describedEntry(plan, context.descriptions);
  const guidance = planGuidance(plan, plan.chunk.labels, { entry, pool }, EVAL_GUIDELINES, random);
  const format = chooseFormat(plan, context);
  const strategies: CompoundStrategy[] = [];
  if (!isEmptyGuidance(guidance)) strategies.push("guidelines");
  if (format !== defaultFormat) strategies.push("format");
  const { instruction } = renderCompoundWithin(
    plan,
    { guidance: isEmptyGuidance(guidance) ? undefined : guidance, format, strategies },
    context.seed,
    { tokens: context.tokenBudget ?? DEFAULT_TOKEN_BUDGET, count: context.countTokens ?? estimateTokens },
  );
  return { text: instruction.instruction, format, output: instruction.output };
}

function chooseFormat(plan: PlannedInstruction, context: CompoundContext): OutputFormat {
  const random = new SeededRandom(
    context.seed,
    plan.record.source,
    plan.recordId,
    plan.task.name,
    plan.index,
    "format",
  );
  if (plan.task.style !== "json") return defaultFormat;
  const variants = variantFormats(plan.task, plan.chunk, plan.answer);
  return variants.length > 0 && random.chance(context.formatShare) ? random.pick(variants) : defaultFormat;
}

/** The descriptions eval knows for the chunk's labels, as the dictionary entry the builder reads. */
function describedEntry(plan: PlannedInstruction, descriptions: LabelDescriptions): SourceEntry {
  const source = plan.record.source;
  const labels: Record<string, LabelEntry> = {};
  for (const label of plan.chunk.labels) {
    const description = descriptions.label(source, label);
    const roles: NonNullable<LabelEntry["roles"]> = {};
    for (const role of plan.chunk.roles?.[label] ?? []) {
      const described = descriptions.role(source, label, role);
      if (described !== undefined) roles[role] = { descriptions: [described] };
    }
    labels[label] = {
      reviewed: true,
      descriptions: description !== undefined ? [description] : [],
      synonyms: [],
      roles,
      values: [],
      positive: [],
      negative: [],
    };
  }
  return {
    kind: plan.task.recordKind,
    lang: plan.record.lang,
    reviewed: true,
    positive: [],
    negative: [],
    labels,
  };
}
