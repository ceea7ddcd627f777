import type { TaskName } from "../tasks/index.ts";
import type { Strategy } from "./instruction-record.ts";
import { Quota } from "./quota.ts";

export const STRATEGIES: readonly Strategy[] = ["guidelines", "rules", "format"];

/** Which strategies could change a given instruction. */
export type Availability = Readonly<Record<Strategy, boolean>>;

/** The draws of one instruction, from a generator seeded by its keys. */
export interface MixDraws {
  compound: number;
  strategies: Readonly<Record<Strategy, number>>;
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
  strategies: Record<Strategy, Share>;
  /** Shares of all written instructions; `dropped` counts instructions removed by task balancing. */
  tasks: Record<string, Share & { dropped: number }>;
  balanced: boolean;
  /** Preference rules applied, by rule strategy (numerical, reverse, punctuation, nesting, LLM ones). */
  rules: Record<string, number>;
  /** Compound instructions by output format. */
  formats: Record<string, number>;
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
  readonly #strategies: Record<Strategy, Quota>;
  readonly #taskTargets: Partial<Record<TaskName, number>>;
  readonly #tasks = new Map<string, { count: number; dropped: number }>();
  readonly #rules: Record<string, number> = {};
  readonly #formats: Record<string, number> = {};
  readonly #balanced: boolean;
  #instructions = 0;

  constructor(
    ratio: number,
    strategyShares: Readonly<Record<Strategy, number>>,
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
  decide(draws: MixDraws, available: Availability): Strategy[] {
    if (!this.#compound.decide(draws.compound, this.#canHelp(available))) return [];
    const chosen = STRATEGIES.filter((s) => this.#strategies[s].decide(draws.strategies[s], available[s]));
    if (chosen.length > 0) return chosen;
    // Compound needs at least one strategy: take the available one furthest behind its target.
    const behind = STRATEGIES.filter((s) => available[s]).sort(
      (a, b) => this.#strategies[b].debt - this.#strategies[a].debt,
    )[0];
    this.#strategies[behind].charge();
    return [behind];
  }

  /**
   * Guidelines make up most compound instructions (91 % in the paper), so an instruction that cannot
   * carry them becomes compound only while a strategy it can carry is behind its share: otherwise the
   * fallback strategies would crowd out guidelines and miss every share.
   */
  #canHelp(available: Availability): boolean {
    if (available.guidelines) return true;
    return STRATEGIES.some((s) => available[s] && this.#strategies[s].debt + this.#strategies[s].target > 0);
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
  withdrawn(strategy: Strategy): void {
    this.#strategies[strategy].charge(-1);
  }

  /** An instruction decided compound but written basic after all. */
  demoted(): void {
    this.#compound.charge(-1);
  }

  ruleApplied(strategy: string): void {
    this.#rules[strategy] = (this.#rules[strategy] ?? 0) + 1;
  }

  formatUsed(name: string): void {
    this.#formats[name] = (this.#formats[name] ?? 0) + 1;
  }

  report(): MixReport {
    const compound = this.#compound.granted;
    const share = (target: number, count: number, of: number): Share => ({
      target,
      achieved: of > 0 ? round(count / of) : 0,
      count,
    });
    const strategies = {} as Record<Strategy, Share>;
    for (const s of STRATEGIES)
      strategies[s] = share(this.#strategies[s].target, this.#strategies[s].granted, compound);
    const tasks: MixReport["tasks"] = {};
    for (const task of sortedKeys([...this.#tasks.keys(), ...Object.keys(this.#taskTargets)])) {
      const entry = this.#tasks.get(task) ?? { count: 0, dropped: 0 };
      const target = this.#taskTargets[task as TaskName] ?? 0;
      tasks[task] = { ...share(target, entry.count, this.#instructions), dropped: entry.dropped };
    }
    return {
      instructions: this.#instructions,
      compound: share(this.#compound.target, compound, this.#instructions),
      strategies,
      tasks,
      balanced: this.#balanced,
      rules: sortedRecord(this.#rules),
      formats: sortedRecord(this.#formats),
    };
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
  return [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function sortedRecord(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(sortedKeys(Object.keys(counts)).map((k) => [k, counts[k]]));
}

/** Print the mix beside its targets, for the end of `hum synth`. */
export function formatMix(mix: MixReport): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  const lines = [
    `mix: compound ${percent(mix.compound.achieved)} of ${mix.instructions} (target ${percent(mix.compound.target)})`,
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
  if (Object.keys(mix.formats).length > 0)
    lines.push(
      `  formats: ${Object.entries(mix.formats)
        .map(([f, n]) => `${f} ${n}`)
        .join(", ")}`,
    );
  return lines.join("\n");
}
