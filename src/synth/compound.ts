import type { SourceEntry } from "../dictionary/index.ts";
import { hasVariantFormat } from "../formats/index.ts";
import type { DatasetInput } from "../readers/index.ts";
import type { CanonicalRecord } from "../records/index.ts";
import type { TaskName } from "../tasks/index.ts";
import { estimateTokens } from "../tokenizer/index.ts";
import { SeededRandom } from "../util/index.ts";
import { type BasicOptions, type PlannedInstruction, renderBasic } from "./basic.ts";
import {
  type CompoundJob,
  type GuidelineSetting,
  jobFormat,
  renderJob,
  type SentGuidelines,
} from "./compound-batch.ts";
import {
  type CompoundChoice,
  followRule,
  renderCompoundWithin,
  type Trimmed,
} from "./compound-instruction.ts";
import type { CompoundOptions } from "./config.ts";
import { type ExamplePool, ExamplePoolMiner } from "./example-pool.ts";
import type { FirstPass } from "./first-pass.ts";
import {
  type Guidance,
  type GuidelineSources,
  guidelinesAvailable,
  isEmptyGuidance,
  planGuidance,
  surelyGuided,
  usableText,
} from "./guidelines.ts";
import type { CompoundStrategy, InstructionRecord } from "./instruction-record.ts";
import { llmRules } from "./llm-rules.ts";
import { mechanicalRules, type PreferenceRule } from "./mechanical-rules.ts";
import { type MixDraws, Mixer, type MixReport, STRATEGIES } from "./mixing.ts";
import { Quota } from "./quota.ts";
import { countPlannedTasks, keepRates } from "./task-balance.ts";

/** Compound synthesis as the pipeline's `expand` hook, with the mix it achieved. */
export interface CompoundSynthesis {
  expand(plans: PlannedInstruction[]): InstructionRecord[];
  report(): MixReport;
  /** Set when it must see every record first (to mine its example pool): give it to `synthesize`. */
  firstPass?: FirstPass;
  /**
   * Set when its compound instructions can be rendered on other threads: the decisions of `expand`
   * without the rendering, one job per plan (undefined: dropped by task balancing), and the report of
   * what rendering a compound job took, in any order.
   */
  parallel?: ParallelCompound;
}

export interface ParallelCompound {
  choose(plans: PlannedInstruction[]): Array<CompoundJob | undefined>;
  /** A compound job was rendered in this format, and fitting it into the budget took this. */
  rendered(trimmed: Trimmed, format: string): void;
  /** The token budget the renderers fit compound instructions into (counted by the chars/4 estimate). */
  tokens: number;
  /** What renderers sample the guidelines left to them from (known once the example pool is mined). */
  guidelines(): SentGuidelines;
}

/**
 * Turns each record's planned instructions into basic and compound ones (spec §5): task balancing
 * first (when keep rates are given), then the mixer's decision, then guidelines, a preference rule and a
 * format variant as decided. The mixer decides first and asks what an instruction could carry only when
 * it would make it compound, so at a compound ratio of 0 this step costs next to nothing. Every random
 * choice is seeded by the instruction's keys, and nothing the mixer decides on comes from rendering a
 * single-variant instruction, so those can be rendered later and elsewhere (`parallel`).
 */
export function createCompoundSynthesis(
  options: CompoundOptions,
  keepRates?: Partial<Record<TaskName, number>>,
): CompoundSynthesis {
  const mixer = new Mixer(options.ratio, options.strategyShares, options.taskShares, keepRates !== undefined);
  const balance = new Map<string, Quota>();
  const quotaFor = (task: TaskName) => {
    let quota = balance.get(task);
    if (!quota) balance.set(task, (quota = new Quota(keepRates?.[task] ?? 1, Number.POSITIVE_INFINITY)));
    return quota;
  };
  const budget = { tokens: options.tokenBudget, count: options.countTokens };
  const { seed } = options;
  const sourcesOf = (plan: PlannedInstruction): GuidelineSources => ({
    entry: options.dictionary?.sources[plan.record.source],
    pool: options.pool,
  });
  const guidelines: GuidelineSetting = { sources: sourcesOf, options: options.guidelines };
  // Guidelines are sampled where they are rendered when every renderer has the pool they draw on.
  const guidanceCanWait = () => options.pool === undefined || options.pool.snapshot !== undefined;

  const chooseOne = (plan: PlannedInstruction): CompoundJob => {
    const keys = [seed, plan.record.source, plan.recordId, plan.task.name, plan.index] as const;
    const sources = sourcesOf(plan);
    const lazy = lazyAvailability(plan, sources, options, keys);
    const strategies = mixer.decide(draws(new SeededRandom(...keys, "mix")), lazy.available);
    mixer.written(plan.task.name);
    if (strategies.length === 0) return BASIC;
    if (options.variantsPerSample > 1 || options.ablate.length > 0 || strategies.includes("rules"))
      return { kind: "rendered", instructions: renderVariants(plan, strategies, lazy, sources, keys) };
    const chosen = chooseVariant(plan, strategies, 0, lazy, sources, keys, guidanceCanWait());
    if (!chosen) {
      mixer.demoted();
      return BASIC;
    }
    // The format list (each format rendering and reading back the answer) is made where it is rendered.
    const { random, guidanceLater, ...choice } = chosen;
    if (guidanceLater) return { kind: "compound", choice, draws: random, guidanceLater };
    return { kind: "compound", choice, draws: strategies.includes("format") ? random : undefined };
  };

  /** Every variant of one compound decision, rendered here: their rendering decides what is kept. */
  const renderVariants = (
    plan: PlannedInstruction,
    strategies: CompoundStrategy[],
    lazy: LazyAvailability,
    sources: GuidelineSources,
    keys: InstructionKeys,
  ): InstructionRecord[] => {
    const variants: InstructionRecord[] = [];
    for (let variant = 0; variant < Math.max(1, options.variantsPerSample); variant++) {
      const chosen = variant === 0 ? strategies : [...strategies];
      const made = chooseVariant(plan, chosen, variant, lazy, sources, keys);
      if (variant === 0 && !made) {
        mixer.demoted();
        return [renderBasic(plan, seed)];
      }
      if (!made) continue;
      const { random, ...choice } = made;
      const format = jobFormat(plan, chosen.includes("format") ? random : undefined);
      const { instruction, trimmed } = renderCompoundWithin(plan, { ...choice, format }, seed, budget);
      if (variant === 0) {
        if (choice.rule) mixer.ruleApplied(choice.rule.strategy);
        mixer.formatUsed(format.name);
        mixer.trimmed(trimmed);
      }
      if (variants.every((v) => v.instruction !== instruction.instruction || v.output !== instruction.output))
        variants.push(instruction);
    }
    const ablated = strategies.filter((s) => options.ablate.includes(s));
    if (ablated.length > 0) {
      mixer.ablated(ablated);
      return [renderBasic(plan, seed)];
    }
    if (variants.length > 1) mixer.extraVariants(plan.task.name, variants.length - 1);
    return variants;
  };

  /**
   * What one compound rendering carries but its format, with the draws the format is picked with;
   * undefined when nothing the mixer chose can be shown after all. With `guidanceCanWait`, guidelines
   * that cannot come out empty are left to sample where the instruction is rendered (`guidanceLater`):
   * the mix needs to know only that there are some.
   */
  const chooseVariant = (
    plan: PlannedInstruction,
    strategies: CompoundStrategy[],
    variant: number,
    lazy: LazyAvailability,
    sources: GuidelineSources,
    keys: InstructionKeys,
    guidanceCanWait = false,
  ): (Omit<CompoundChoice, "format"> & { random: SeededRandom; guidanceLater?: true }) | undefined => {
    const first = variant === 0;
    const random = first
      ? new SeededRandom(...keys, "compound")
      : new SeededRandom(...keys, "compound", variant);
    const rule = strategies.includes("rules") ? random.pick(lazy.rules()) : undefined;
    let guidance: Guidance | undefined;
    const labels = (rule?.chunk ?? plan.chunk).labels;
    const guidelinesLater =
      guidanceCanWait &&
      !rule &&
      strategies.includes("guidelines") &&
      surelyGuided(plan, labels, sources, options.guidelines);
    if (guidelinesLater) return { strategies, variant, random, guidanceLater: true };
    if (strategies.includes("guidelines")) {
      const accepts =
        rule &&
        ((record: CanonicalRecord) =>
          followRule(rule, plan.task.answer(record, plan.chunk) as Record<string, unknown>) !== undefined);
      guidance = planGuidance(plan, labels, sources, options.guidelines, random, accepts);
      // A rule that quotes label names (a reverse rule names both relations) would unmask its label.
      if (rule && /["“]/.test(rule.sentence) && /^label\d+$/.test(guidance.names.get(rule.label) ?? "")) {
        const names = new Map(guidance.names);
        names.delete(rule.label);
        guidance = { ...guidance, names };
      }
      if (isEmptyGuidance(guidance)) {
        guidance = undefined;
        if (first) mixer.withdrawn("guidelines");
        strategies.splice(strategies.indexOf("guidelines"), 1);
      }
    }
    if (strategies.length === 0) return undefined;
    return { guidance, rule, strategies, variant, random };
  };

  /** The jobs of a record's plans: task balancing keeps or drops each task's group whole. */
  const choose = (plans: PlannedInstruction[]): Array<CompoundJob | undefined> => {
    const jobs: Array<CompoundJob | undefined> = [];
    for (const group of byTask(plans)) {
      const first = group[0];
      // Without task balancing every group is kept: no draw to make.
      const keep =
        keepRates === undefined ||
        quotaFor(first.task.name).decide(
          new SeededRandom(seed, first.record.source, first.recordId, first.task.name, "balance").float(),
          true,
          group.length,
        );
      if (!keep) mixer.dropped(first.task.name, group.length);
      for (const plan of group) jobs.push(keep ? chooseOne(plan) : undefined);
    }
    return jobs;
  };

  const rendered = (trimmed: Trimmed, format: string) => {
    mixer.formatUsed(format);
    mixer.trimmed(trimmed);
  };

  return {
    expand(plans) {
      const written: InstructionRecord[] = [];
      for (const group of byTask(plans)) {
        const jobs = choose(group);
        for (const [i, job] of jobs.entries())
          if (job) written.push(...renderJob(group[i], job, seed, budget, rendered, guidelines));
      }
      return written;
    },
    report: () => {
      const report = mixer.report();
      report.length = { budget: budget.tokens, tokenizer: budget.count.tokenizer, ...report.length };
      return report;
    },
    ...(budget.count.tokenizer === estimateTokens.tokenizer
      ? {
          parallel: {
            choose,
            rendered,
            tokens: budget.tokens,
            guidelines: () => ({
              entries: options.dictionary?.sources,
              pool: options.pool?.snapshot?.(),
              options: options.guidelines,
            }),
          },
        }
      : {}),
  };
}

const BASIC: CompoundJob = { kind: "basic" };

/** What seeds an instruction's draws: the run's seed, its record's source and id, its task and index. */
type InstructionKeys = readonly [number, string, string, string, number];

interface LazyAvailability {
  available: (strategy: CompoundStrategy) => boolean;
  rules: () => PreferenceRule[];
}

/** What an instruction could carry, each computed once and only when asked. */
function lazyAvailability(
  plan: PlannedInstruction,
  sources: GuidelineSources,
  options: CompoundOptions,
  keys: InstructionKeys,
): LazyAvailability {
  let rules: PreferenceRule[] | undefined;
  let guidelines: boolean | undefined;
  let anyFormat: boolean | undefined;
  const lazy: LazyAvailability = {
    rules: () => (rules ??= candidateRules(plan, sources.entry, options, new SeededRandom(...keys, "rules"))),
    available: (strategy) => {
      if (strategy === "rules") return lazy.rules().length > 0;
      if (strategy === "format") return (anyFormat ??= hasVariantFormat(plan.task, plan.chunk, plan.answer));
      return (guidelines ??= guidelinesAvailable(plan, sources, options.guidelines));
    },
  };
  return lazy;
}

function draws(random: SeededRandom): MixDraws {
  const compound = random.float();
  const strategies = {} as Record<CompoundStrategy, number>;
  for (const strategy of STRATEGIES) strategies[strategy] = random.float();
  return { compound, strategies };
}

/** LLM-authored rules for this record win over mechanical ones: they are what was paid for. */
function candidateRules(
  plan: PlannedInstruction,
  source: SourceEntry | undefined,
  options: CompoundOptions,
  random: SeededRandom,
): PreferenceRule[] {
  const authored = llmRules(plan, options.rules);
  if (authored.length > 0) return authored;
  // Inverse names are LLM-written text too: reviewed-only and rejections apply to them.
  const inverse = (label: string) => usableText(source?.labels[label], options.guidelines)?.inverse;
  return mechanicalRules(plan, inverse, random);
}

/** A record's plans grouped by task, in order (planInstructions writes each task's chunks together). */
function byTask(plans: PlannedInstruction[]): PlannedInstruction[][] {
  const groups: PlannedInstruction[][] = [];
  for (const plan of plans) {
    const last = groups.at(-1);
    if (last && last[0].task === plan.task) last.push(plan);
    else groups.push([plan]);
  }
  return groups;
}

/**
 * Compound synthesis ready for the pipeline. When guidelines can be written, its first pass mines the
 * example pool (fully annotated records and typical values, as `hum dict mine` mines a dictionary), so
 * compound instructions reach their share with or without a dictionary; task balancing counts the
 * corpus first.
 */
export async function prepareCompound(
  inputs: readonly DatasetInput[],
  basic: BasicOptions,
  options: CompoundOptions,
): Promise<CompoundSynthesis> {
  const keep = options.balanceTasks
    ? keepRates(await countPlannedTasks(inputs, basic), options.taskShares)
    : undefined;
  const synthesis = createCompoundSynthesis(options, keep);
  if (options.ratio > 0 && options.strategyShares.guidelines > 0 && !options.pool)
    return { ...synthesis, firstPass: poolMining(options, basic.seed) };
  return synthesis;
}

/** The pool while it is mined: compound synthesis asking it means `synthesize` was not given the first pass. */
const unmined = (): never => {
  throw new Error(
    "compound synthesis started before its example pool was mined: give synthesize the firstPass of prepareCompound",
  );
};
const MINING: ExamplePool = { positives: unmined, negatives: unmined, records: unmined, values: unmined };

/** The first pass that mines the example pool; compound synthesis refuses to start before it ends. */
function poolMining(options: CompoundOptions, seed: number): FirstPass {
  const miner = new ExamplePoolMiner(seed);
  options.pool = MINING;
  return {
    add: (record) => miner.add(record),
    finish: () => {
      options.pool = miner.result();
    },
    mining: { seed, take: (samples) => miner.take(samples) },
  };
}
