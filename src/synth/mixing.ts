import type { TaskName } from "../tasks/index.ts";
import { compareCodeUnits } from "../util/index.ts";
import type { CompoundStrategy } from "./instruction-record.ts";
import { Quota } from "./quota.ts";

export const STRATEGIES: readonly CompoundStrategy[] = ["guidelines", "rules", "format"];

/** Whether a strategy could change a given instruction; asked lazily, only when it matters. */
export type Availability = (strategy: CompoundStrategy) => boolean;

/** The draws of one instruction, from a generator seeded by its keys. */
export interface MixDraws {
  compound: number;
  strategies: Readonly<Record<CompoundStrategy, number>>;
}

interface Share {
  target: number;
  achieved: number;
  count: number;
}

/** Achieved shares beside their targets: the `mix` section of the run summary. */
export interface MixReport {
  instructions: number;
  compound: Share;
  /** Shares of the compound instructions (they overlap). */
  strategies: Record<CompoundStrategy, Share>;
  /** Shares of all written instructions; `dropped` counts instructions removed by task balancing. */
  tasks: Record<string, Share & { dropped: number }>;
  balanced: boolean;
  /** Preference rules applied, by rule strategy (numerical, reverse, punctuation, nesting, LLM ones). */
  rules: Record<string, number>;
  /** Compound instructions by output format. */
  formats: Record<string, number>;
  /** Instructions decided compound but written basic because they carried an ablated strategy. */
  ablated: { instructions: number; strategies: Record<string, number> };
  /** Further compound renderings of chunks already written (`--variants-per-sample`). */
  extra_variants: number;
  /**
   * Compound instructions shortened to the token budget, and those still over it (a long input); the
   * budget and the tokenizer that counted are filled in by compound synthesis.
   */
  length: {
    budget?: number;
    tokenizer?: string;
    trimmed: number;
    examples_dropped: number;
    descriptions_dropped: number;
    over_budget: number;
  };
  /** Instructions that could carry no enabled strategy (IG, labels nothing is known about). */
  unable: number;
  /** Shares that could not be reached, with the reason (also printed on stderr). */
  warnings: string[];
}

/**
 * Decides, instruction by instruction in input order, whether it is basic or compound and which
 * strategies a compound one carries. Each target is a `Quota`, so the achieved shares track the targets
 * within an instruction or so at any corpus size, while the seeded draws keep the choice of *which*
 * instructions random. The decisions depend on the input order and the seed only, never on timing: a
 * parallel runner must feed instructions in input order (as it must to write them in that order).
 */
export class Mixer {
  readonly #compound: Quota;
  readonly #strategies: Record<CompoundStrategy, Quota>;
  readonly #taskTargets: Partial<Record<TaskName, number>>;
  readonly #tasks = new Map<string, { count: number; dropped: number }>();
  readonly #rules: Record<string, number> = {};
  readonly #formats: Record<string, number> = {};
  readonly #balanced: boolean;
  readonly #ablated = { instructions: 0, strategies: {} as Record<string, number> };
  readonly #length = { trimmed: 0, examples_dropped: 0, descriptions_dropped: 0, over_budget: 0 };
  #extraVariants = 0;
  #instructions = 0;
  /** Instructions found unable to carry any enabled strategy (asked only when they could have been compound). */
  #unable = 0;

  constructor(
    ratio: number,
    strategyShares: Readonly<Record<CompoundStrategy, number>>,
    taskTargets: Partial<Record<TaskName, number>>,
    balanced: boolean,
  ) {
    // Unbounded catch-up: a long stretch that cannot be compound (IG data, a source without a
    // dictionary) is made up by later instructions, so the corpus-wide ratio holds.
    this.#compound = new Quota(ratio, Number.POSITIVE_INFINITY);
    this.#strategies = {
      guidelines: new Quota(strategyShares.guidelines),
      rules: new Quota(strategyShares.rules),
      format: new Quota(strategyShares.format),
    };
    this.#taskTargets = taskTargets;
    this.#balanced = balanced;
  }

  /** The strategies of one instruction; empty means basic. */
  decide(draws: MixDraws, available: Availability): CompoundStrategy[] {
    if (!this.#compound.decide(draws.compound, () => this.#canHelp(available))) return [];
    const chosen = STRATEGIES.filter((s) =>
      this.#strategies[s].decide(draws.strategies[s], () => available(s)),
    );
    if (chosen.length > 0) return chosen;
    // Compound needs at least one strategy: take the available one furthest behind its target. A
    // strategy whose share is 0 is never taken: a share of 0 disables it.
    // Furthest behind first (a stable sort keeps STRATEGIES order among equals), then the first one the
    // instruction can carry: availability is asked only until one answers yes, as it can be costly.
    const behind = STRATEGIES.filter((s) => this.#strategies[s].target > 0)
      .sort((a, b) => this.#strategies[b].debt - this.#strategies[a].debt)
      .find((s) => available(s));
    if (!behind) {
      this.#compound.charge(-1);
      return [];
    }
    this.#strategies[behind].charge();
    return [behind];
  }

  /**
   * Guidelines make up most compound instructions (91 % in the paper), so an instruction that cannot
   * carry them becomes compound only while a strategy it can carry is behind its share: otherwise the
   * fallback strategies would crowd out guidelines and miss every share.
   */
  #canHelp(available: Availability): boolean {
    if (this.#strategies.guidelines.target > 0 && available("guidelines")) return true;
    // With guidelines disabled nothing is crowded out: any enabled strategy the instruction can carry helps.
    if (this.#strategies.guidelines.target <= 0) {
      const can = STRATEGIES.some((s) => this.#strategies[s].target > 0 && available(s));
      if (!can) this.#unable++;
      return can;
    }
    const helps = STRATEGIES.some(
      (s) =>
        this.#strategies[s].target > 0 &&
        this.#strategies[s].debt + this.#strategies[s].target > 0 &&
        available(s),
    );
    if (!helps && !STRATEGIES.some((s) => this.#strategies[s].target > 0 && available(s))) this.#unable++;
    return helps;
  }

  /** Count a written instruction. */
  written(task: string): void {
    this.#instructions++;
    this.#entry(task).count++;
  }

  dropped(task: string, count: number): void {
    this.#entry(task).dropped += count;
  }

  /** A strategy planned but found empty on the way (say, every example unreadable): undo its count. */
  withdrawn(strategy: CompoundStrategy): void {
    this.#strategies[strategy].charge(-1);
  }

  /** An instruction decided compound but written basic after all. */
  demoted(): void {
    this.#compound.charge(-1);
  }

  /** A compound decision written basic because it carried these ablated strategies. */
  ablated(strategies: readonly CompoundStrategy[]): void {
    this.#ablated.instructions++;
    for (const s of strategies) this.#ablated.strategies[s] = (this.#ablated.strategies[s] ?? 0) + 1;
  }

  extraVariants(_task: string, count: number): void {
    this.#extraVariants += count;
  }

  trimmed(trimmed: { examples: number; descriptions: number; over: boolean }): void {
    if (trimmed.examples + trimmed.descriptions > 0) this.#length.trimmed++;
    this.#length.examples_dropped += trimmed.examples;
    this.#length.descriptions_dropped += trimmed.descriptions;
    if (trimmed.over) this.#length.over_budget++;
  }

  ruleApplied(strategy: string): void {
    this.#rules[strategy] = (this.#rules[strategy] ?? 0) + 1;
  }

  formatUsed(name: string): void {
    this.#formats[name] = (this.#formats[name] ?? 0) + 1;
  }

  report(): MixReport {
    // Ablated instructions were decided compound but written basic: the shares count what was written.
    const compound = this.#compound.granted - this.#ablated.instructions;
    const share = (target: number, count: number, of: number): Share => ({
      target,
      achieved: of > 0 ? round(count / of) : 0,
      count,
    });
    const strategies = {} as Record<CompoundStrategy, Share>;
    for (const s of STRATEGIES)
      strategies[s] = share(
        this.#strategies[s].target,
        this.#strategies[s].granted - (this.#ablated.strategies[s] ?? 0),
        compound,
      );
    const tasks: MixReport["tasks"] = {};
    for (const task of sortedKeys([...this.#tasks.keys(), ...Object.keys(this.#taskTargets)])) {
      const entry = this.#tasks.get(task) ?? { count: 0, dropped: 0 };
      const target = this.#taskTargets[task as TaskName] ?? 0;
      tasks[task] = { ...share(target, entry.count, this.#instructions), dropped: entry.dropped };
    }
    const report: MixReport = {
      instructions: this.#instructions,
      compound: share(this.#compound.target, compound, this.#instructions),
      strategies,
      tasks,
      balanced: this.#balanced,
      rules: sortedRecord(this.#rules),
      formats: sortedRecord(this.#formats),
      ablated: {
        instructions: this.#ablated.instructions,
        strategies: sortedRecord(this.#ablated.strategies),
      },
      extra_variants: this.#extraVariants,
      length: { ...this.#length },
      unable: this.#unable,
      warnings: [],
    };
    report.warnings = missedTargets(report, this.#ablated.instructions > 0);
    return report;
  }

  #entry(task: string) {
    let entry = this.#tasks.get(task);
    if (!entry) this.#tasks.set(task, (entry = { count: 0, dropped: 0 }));
    return entry;
  }
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function sortedKeys(keys: string[]): string[] {
  return [...new Set(keys)].sort(compareCodeUnits);
}

function sortedRecord(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(sortedKeys(Object.keys(counts)).map((k) => [k, counts[k]]));
}

/** Shares more than two points short of their targets, with the likely reason. */
function missedTargets(report: MixReport, ablating: boolean): string[] {
  const warnings: string[] = [];
  const points = (share: Share) => (share.target - share.achieved) * 100;
  // What the data allows: instructions that can carry no strategy never become compound.
  const reachable = report.instructions > 0 ? 1 - report.unable / report.instructions : 1;
  const target = Math.min(report.compound.target, reachable);
  if (!ablating && (target - report.compound.achieved) * 100 > 2)
    warnings.push(
      `compound share ${percent(report.compound.achieved)} is short of the target ${percent(report.compound.target)}: ` +
        `too few instructions can carry a strategy (${report.unable} of ${report.instructions} could carry none: ` +
        "no dictionary or examples for their labels, no rules, no format variants; one that can carry only " +
        "rules or a format becomes compound only while that strategy is behind its share)",
    );
  for (const [strategy, share] of Object.entries(report.strategies))
    if (!ablating && report.compound.count > 0 && points(share) > 2)
      warnings.push(
        `${strategy} share ${percent(share.achieved)} of compound is short of the target ${percent(share.target)}: ` +
          (strategy === "guidelines"
            ? "the dictionary and the example pool say nothing about many labels"
            : strategy === "rules"
              ? "few instructions admit a preference rule (give LLM rules with --rules, or relations with inverses)"
              : "few instructions admit another output format"),
      );
  return warnings;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

/** Print the mix beside its targets, for the end of `hum synth` (a basic-only run: one line). */
export function formatMix(mix: MixReport): string {
  const headline =
    `mix: compound ${percent(mix.compound.achieved)} of ${mix.instructions} (target ${percent(mix.compound.target)})` +
    (mix.unable > 0 ? `; ${mix.unable} could carry no strategy` : "");
  if (mix.compound.target === 0 && mix.compound.count === 0) return headline;
  const lines = [
    headline,
    `  strategies (of compound): ${Object.entries(mix.strategies)
      .map(([s, share]) => `${s} ${percent(share.achieved)} (target ${percent(share.target)})`)
      .join(", ")}`,
    `  tasks${mix.balanced ? " (balanced)" : ""}: ${Object.entries(mix.tasks)
      .map(([t, share]) => `${t} ${percent(share.achieved)}/${percent(share.target)}`)
      .join(", ")}`,
  ];
  if (Object.keys(mix.rules).length > 0)
    lines.push(
      `  rules: ${Object.entries(mix.rules)
        .map(([r, n]) => `${r} ${n}`)
        .join(", ")}`,
    );
  if (mix.ablated.instructions > 0) lines.push(`  ablated (written basic): ${mix.ablated.instructions}`);
  if (mix.extra_variants > 0) lines.push(`  extra variants: ${mix.extra_variants}`);
  if (mix.compound.count > 0) {
    const { length } = mix;
    const budget = length.budget ? `budget ${length.budget} tokens by ${length.tokenizer}; ` : "";
    lines.push(
      `  length: ${budget}${length.trimmed} shortened to the budget (${length.examples_dropped} examples, ` +
        `${length.descriptions_dropped} descriptions dropped), ${length.over_budget} still over it`,
    );
  }
  if (Object.keys(mix.formats).length > 0)
    lines.push(
      `  formats: ${Object.entries(mix.formats)
        .map(([f, n]) => `${f} ${n}`)
        .join(", ")}`,
    );
  return lines.join("\n");
}
