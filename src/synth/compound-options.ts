import type { SchemaDictionary } from "../dictionary/index.ts";
import type { RuleBook } from "../rules/index.ts";
import type { TaskName } from "../tasks/index.ts";
import type { TokenCounter } from "../tokenizer/index.ts";
import { DEFAULT_TOKEN_BUDGET, estimateTokens } from "../tokenizer/index.ts";
import type { ExamplePool } from "./example-pool.ts";
import type { CompoundStrategy as Strategy } from "./instruction-record.ts";

/** Paper §3: 45 % of the 2,812,832 instructions are compound. */
export const PAPER_COMPOUND_RATIO = 0.45;

/**
 * Paper §3: of the 1,261,658 compound instructions, 1,152,470 carry guidelines, 34,770 preference rules
 * and 108,091 format variants (they overlap, so the shares sum to a little over 1).
 */
export const PAPER_STRATEGY_SHARES: Readonly<Record<Strategy, number>> = {
  guidelines: 0.913,
  rules: 0.028,
  format: 0.086,
};

/** Paper Table 16 / spec §1: the task distribution of the corpus. */
export const PAPER_TASK_SHARES: Readonly<Record<TaskName, number>> = {
  NER: 0.23,
  RE: 0.29,
  SPO: 0.11,
  EE: 0.05,
  EET: 0.03,
  EEA: 0.02,
  OpenIE: 0.04,
  KGE: 0.12,
  MRC: 0.02,
  TC: 0.01,
  IG: 0.08,
};

/** How guidelines vary an instruction (spec §5): rates per label, examples per instruction. */
export interface GuidelineOptions {
  /** Chance that a label with a description is masked as `labelN`. */
  maskRate: number;
  /** Chance that a label with synonyms is renamed to one of them. */
  synonymRate: number;
  /** Most examples per instruction. */
  maxExamples: number;
  /** Most positive (and most negative) examples per label; the dictionary keeps 5 of each. */
  examplesPerLabel: number;
  /** Use only dictionary entries marked `reviewed: true` for descriptions and synonyms. */
  reviewedOnly: boolean;
  /** Add mined typical values to descriptions (paper Table 33). */
  typicalValues: boolean;
}

export const DEFAULT_GUIDELINES: GuidelineOptions = {
  maskRate: 0.1,
  synonymRate: 0.15,
  maxExamples: 4,
  examplesPerLabel: 2,
  reviewedOnly: false,
  typicalValues: true,
};

export interface CompoundOptions {
  seed: number;
  /** Share of all instructions that are compound; 0 writes basic instructions only. */
  ratio: number;
  /** Share of compound instructions carrying each strategy (overlapping). */
  strategyShares: Record<Strategy, number>;
  /** Target task distribution, reported always and enforced when `balanceTasks` is set. */
  taskShares: Partial<Record<TaskName, number>>;
  balanceTasks: boolean;
  dictionary?: SchemaDictionary;
  rules?: RuleBook;
  /** Fully annotated records for examples, mined from the inputs (see example-pool.ts). */
  pool?: ExamplePool;
  guidelines: GuidelineOptions;
  /**
   * Strategies left out (the paper's ablations, Table 3): the mix is decided as without the ablation, and
   * an instruction that would carry an ablated strategy is written basic, so the datasets keep one size.
   */
  ablate: Strategy[];
  /** Compound renderings per chunk decided compound (paper Tables 34-35 show several of one sample). */
  variantsPerSample: number;
  /** Token budget of a compound instruction: examples go first, then descriptions. */
  tokenBudget: number;
  countTokens: TokenCounter;
}

export function defaultCompoundOptions(seed: number): CompoundOptions {
  return {
    seed,
    ratio: PAPER_COMPOUND_RATIO,
    strategyShares: { ...PAPER_STRATEGY_SHARES },
    taskShares: { ...PAPER_TASK_SHARES },
    balanceTasks: false,
    guidelines: { ...DEFAULT_GUIDELINES },
    ablate: [],
    variantsPerSample: 1,
    tokenBudget: DEFAULT_TOKEN_BUDGET,
    countTokens: estimateTokens,
  };
}
