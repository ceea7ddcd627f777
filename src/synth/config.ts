import { dirname, isAbsolute, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { loadDictionary, type SchemaDictionary } from "../dictionary/index.ts";
import { DataError, FileError, readTextFile } from "../io/index.ts";
import { type DatasetInput, labelMapOption } from "../readers/index.ts";
import { loadRuleFile, type RuleBook } from "../rules/index.ts";
import { TASK_NAMES, type TaskName } from "../tasks/index.ts";
import {
  DEFAULT_TOKEN_BUDGET,
  estimateTokens,
  loadTokenCounter,
  TOKENIZER_NAMES,
  type TokenCounter,
} from "../tokenizer/index.ts";
import type { BasicOptions } from "./basic.ts";
import type { ExamplePool } from "./example-pool.ts";
import type { CompoundStrategy } from "./instruction-record.ts";
import type { HardNegatives } from "./schema-chunks.ts";

/*
 * The settings of `hum synth` in one place: one schema for the YAML config and the flags (flags win),
 * the defaults (the paper's figures), and the options the pipeline takes, built from both.
 */

/** Paper §3: 45 % of the 2,812,832 instructions are compound. */
export const PAPER_COMPOUND_RATIO = 0.45;

/**
 * Paper §3: of the 1,261,658 compound instructions, 1,152,470 carry guidelines, 34,770 preference rules
 * and 108,091 format variants (they overlap, so the shares sum to a little over 1).
 */
export const PAPER_STRATEGY_SHARES: Readonly<Record<CompoundStrategy, number>> = {
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
  strategyShares: Record<CompoundStrategy, number>;
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
  ablate: CompoundStrategy[];
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

const Share = z.number().min(0).max(1);

const InputEntry = z.union([
  z.string(),
  z.object({
    path: z.string(),
    format: z.string().optional(),
    source: z.string().optional(),
    lang: z.enum(["en", "zh"]).optional(),
    normalize_direction: z.boolean().optional(),
    detokenize: z.boolean().optional(),
    /** A label map file (relative to the config), or `none` for raw tags. */
    label_map: z.string().optional(),
  }),
]);

/** The `--config` file of `hum synth`: the same settings as the flags, paths relative to the file. */
export const SynthConfig = z
  .object({
    inputs: z.array(InputEntry).min(1).optional(),
    out: z.string().optional(),
    summary: z.string().optional(),
    seed: z.number().int().optional(),
    neg_ratio: z.number().min(0).max(1).optional(),
    schema_order: z.enum(["sorted", "shuffled"]).optional(),
    hard_negatives: z.string().optional(),
    /** Share of compound instructions (paper: 0.45); 0 writes basic instructions only. */
    compound_ratio: z.number().min(0).max(1).optional(),
    /** The schema dictionary (descriptions, synonyms, examples) that guidelines draw on. */
    dictionary: z.string().optional(),
    /** LLM-authored preference rules, one JSON object per line (see rules/rule-file.ts). */
    rules: z.string().optional(),
    /** Share of compound instructions carrying each strategy (they overlap). */
    strategy_shares: z
      .object({ guidelines: Share.optional(), rules: Share.optional(), format: Share.optional() })
      .strict()
      .optional(),
    /** Target task distribution; reported always, enforced by down-sampling when `balance_tasks`. */
    task_shares: z.partialRecord(z.enum(TASK_NAMES as [TaskName, ...TaskName[]]), Share).optional(),
    balance_tasks: z.boolean().optional(),
    /** Strategies left out (paper Table 3 ablations): their instructions are written basic. */
    ablate: z.array(z.enum(["guidelines", "rules", "format"])).optional(),
    /** Compound renderings per chunk decided compound (default 1). */
    variants_per_sample: z.number().int().min(1).optional(),
    /** Token budget of a compound instruction (default 1500). */
    token_budget: z.number().int().min(1).optional(),
    /** The tokenizer counting the token budget (default chars/4; qwen2, qwen3). */
    tokenizer: z.enum(TOKENIZER_NAMES).optional(),
    guidelines: z
      .object({
        mask_rate: Share.optional(),
        synonym_rate: Share.optional(),
        max_examples: z.number().int().min(0).optional(),
        /** Most positive (and most negative) examples per label. */
        examples_per_label: z.number().int().min(1).optional(),
        /** Add mined typical values to descriptions (default true). */
        typical_values: z.boolean().optional(),
        reviewed_only: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type SynthConfig = z.infer<typeof SynthConfig>;

export interface LoadedConfig extends Omit<SynthConfig, "inputs"> {
  inputs?: DatasetInput[];
}

/** Read a YAML (or JSON) config, naming the file and the offending key when it is wrong. */
export function loadSynthConfig(path: string): LoadedConfig {
  let raw: unknown;
  try {
    raw = parseYaml(readTextFile(path));
  } catch (error) {
    if (error instanceof FileError || error instanceof DataError) throw error;
    throw new Error(`${path}: ${(error as Error).message}`);
  }
  const parsed = SynthConfig.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue.path.join(".") || "(top level)"}: ${issue.message}`);
  }
  const base = dirname(path);
  const resolve = (p: string) => (isAbsolute(p) ? p : join(base, p));
  const config = parsed.data;
  return {
    ...config,
    inputs: config.inputs?.map((entry) => {
      if (typeof entry === "string") return { path: resolve(entry) };
      const { normalize_direction, detokenize, label_map, ...rest } = entry;
      const labelMap = labelMapOption(
        label_map === undefined || label_map === "none" ? label_map : resolve(label_map),
      );
      return {
        ...rest,
        path: resolve(entry.path),
        normalizeDirection: normalize_direction,
        detokenize,
        labelMap,
      };
    }),
    out: config.out && resolve(config.out),
    summary: config.summary && resolve(config.summary),
    hard_negatives: config.hard_negatives && resolve(config.hard_negatives),
    dictionary: config.dictionary && resolve(config.dictionary),
    rules: config.rules && resolve(config.rules),
  };
}

/** The settings given as flags (or as a library call), named as in code; they win over the config file. */
export interface SynthFlags {
  out?: string;
  summary?: string;
  seed?: number;
  negRatio?: number;
  schemaOrder?: "sorted" | "shuffled";
  hardNegatives?: string;
  compoundRatio?: number;
  dictionary?: string;
  rules?: string;
  balanceTasks?: boolean;
  reviewedOnly?: boolean;
  ablate?: CompoundStrategy[];
  variantsPerSample?: number;
  tokenBudget?: number;
  /** The tokenizer counting the token budget (`qwen2`, `qwen3`); the chars/4 estimate when absent. */
  tokenizer?: string;
}

/** The flags under their config keys, checked by the same schema as the file. */
export function settingsFromFlags(flags: SynthFlags): LoadedConfig {
  const settings = definedOnly({
    out: flags.out,
    summary: flags.summary,
    seed: flags.seed,
    neg_ratio: flags.negRatio,
    schema_order: flags.schemaOrder,
    hard_negatives: flags.hardNegatives,
    compound_ratio: flags.compoundRatio,
    dictionary: flags.dictionary,
    rules: flags.rules,
    balance_tasks: flags.balanceTasks,
    ablate: flags.ablate,
    variants_per_sample: flags.variantsPerSample,
    token_budget: flags.tokenBudget,
    tokenizer: flags.tokenizer,
    guidelines: flags.reviewedOnly === undefined ? undefined : { reviewed_only: flags.reviewedOnly },
  });
  const parsed = SynthConfig.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`setting ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data as LoadedConfig;
}

/** The config file's settings overridden by the flags' (a flag's guideline setting overrides only itself). */
export function mergeSettings(file: LoadedConfig, flags: LoadedConfig): LoadedConfig {
  const merged: LoadedConfig = { ...file, ...definedOnly(flags) };
  if (file.guidelines && flags.guidelines) merged.guidelines = { ...file.guidelines, ...flags.guidelines };
  return merged;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The seed when neither flag nor file gives one. */
export const DEFAULT_SEED = 42;

/** Basic synthesis options from the settings; hard negatives are read by the caller. */
export function basicOptionsFrom(settings: LoadedConfig, hardNegatives?: HardNegatives): BasicOptions {
  return {
    seed: settings.seed ?? DEFAULT_SEED,
    negativeRatio: settings.neg_ratio ?? 1,
    schemaOrder: settings.schema_order ?? "sorted",
    hardNegatives,
  };
}

/** Compound options from the defaults and the settings; the dictionary, rules and tokenizer are loaded here. */
export async function compoundOptionsFrom(settings: LoadedConfig): Promise<CompoundOptions> {
  const options = defaultCompoundOptions(settings.seed ?? DEFAULT_SEED);
  options.ratio = settings.compound_ratio ?? options.ratio;
  Object.assign(options.strategyShares, settings.strategy_shares ?? {});
  if (settings.task_shares) options.taskShares = { ...settings.task_shares };
  options.balanceTasks = settings.balance_tasks ?? false;
  const guidelines = settings.guidelines ?? {};
  options.guidelines = {
    maskRate: guidelines.mask_rate ?? options.guidelines.maskRate,
    synonymRate: guidelines.synonym_rate ?? options.guidelines.synonymRate,
    maxExamples: guidelines.max_examples ?? options.guidelines.maxExamples,
    examplesPerLabel: guidelines.examples_per_label ?? options.guidelines.examplesPerLabel,
    typicalValues: guidelines.typical_values ?? options.guidelines.typicalValues,
    reviewedOnly: guidelines.reviewed_only ?? options.guidelines.reviewedOnly,
  };
  options.ablate = settings.ablate ?? [];
  options.variantsPerSample = settings.variants_per_sample ?? 1;
  options.tokenBudget = settings.token_budget ?? options.tokenBudget;
  if (settings.tokenizer) options.countTokens = await loadTokenCounter(settings.tokenizer);
  if (settings.dictionary) options.dictionary = loadDictionary(settings.dictionary);
  if (settings.rules)
    options.rules = loadRuleFile(settings.rules, { reviewedOnly: options.guidelines.reviewedOnly });
  return options;
}
