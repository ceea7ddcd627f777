import { loadDictionary } from "../dictionary/index.ts";
import type { DatasetInput as InputSpec } from "../readers/index.ts";
import { loadRuleFile } from "../rules/index.ts";
import { loadTokenCounter } from "../tokenizer/index.ts";
import type { BasicOptions } from "./basic.ts";
import { type CompoundSynthesis, createCompoundSynthesis } from "./compound.ts";
import { type CompoundOptions, defaultCompoundOptions } from "./compound-options.ts";
import type { LoadedConfig } from "./config.ts";
import { mineExamplePool } from "./example-pool.ts";
import type { CompoundStrategy as Strategy } from "./instruction-record.ts";
import { countPlannedTasks, keepRates } from "./task-balance.ts";

/** The compound settings given as flags (they win over the config file). */
export interface CompoundFlags {
  compoundRatio?: number;
  dictionary?: string;
  rules?: string;
  balanceTasks?: boolean;
  reviewedOnly?: boolean;
  ablate?: Strategy[];
  variantsPerSample?: number;
  tokenBudget?: number;
  /** The tokenizer counting the token budget (`qwen2`, `qwen3`); the chars/4 estimate when absent. */
  tokenizer?: string;
}

/** Compound options from defaults, then the config file, then the flags; files and the tokenizer are loaded here. */
export async function compoundOptionsFrom(
  seed: number,
  config: LoadedConfig,
  flags: CompoundFlags,
): Promise<CompoundOptions> {
  const options = defaultCompoundOptions(seed);
  options.ratio = flags.compoundRatio ?? config.compound_ratio ?? options.ratio;
  Object.assign(options.strategyShares, config.strategy_shares ?? {});
  if (config.task_shares) options.taskShares = { ...config.task_shares };
  options.balanceTasks = flags.balanceTasks ?? config.balance_tasks ?? false;
  const guidelines = config.guidelines ?? {};
  options.guidelines = {
    maskRate: guidelines.mask_rate ?? options.guidelines.maskRate,
    synonymRate: guidelines.synonym_rate ?? options.guidelines.synonymRate,
    maxExamples: guidelines.max_examples ?? options.guidelines.maxExamples,
    examplesPerLabel: guidelines.examples_per_label ?? options.guidelines.examplesPerLabel,
    typicalValues: guidelines.typical_values ?? options.guidelines.typicalValues,
    reviewedOnly: flags.reviewedOnly ?? guidelines.reviewed_only ?? options.guidelines.reviewedOnly,
  };
  options.ablate = flags.ablate ?? config.ablate ?? [];
  options.variantsPerSample = flags.variantsPerSample ?? config.variants_per_sample ?? 1;
  options.tokenBudget = flags.tokenBudget ?? config.token_budget ?? options.tokenBudget;
  const tokenizer = flags.tokenizer ?? config.tokenizer;
  if (tokenizer) options.countTokens = await loadTokenCounter(tokenizer);
  const dictionaryPath = flags.dictionary ?? config.dictionary;
  if (dictionaryPath) options.dictionary = loadDictionary(dictionaryPath);
  const rulesPath = flags.rules ?? config.rules;
  if (rulesPath) options.rules = loadRuleFile(rulesPath, { reviewedOnly: options.guidelines.reviewedOnly });
  return options;
}

/**
 * Compound synthesis ready for the pipeline. When guidelines can be written, one pass mines the example
 * pool (fully annotated records and typical values, as `hum dict mine` mines a dictionary), so compound
 * instructions reach their share with or without a dictionary; task balancing counts the corpus first.
 */
export async function prepareCompound(
  inputs: readonly InputSpec[],
  basic: BasicOptions,
  options: CompoundOptions,
): Promise<CompoundSynthesis> {
  if (options.ratio > 0 && options.strategyShares.guidelines > 0 && !options.pool)
    options.pool = await mineExamplePool(inputs, basic.seed);
  if (!options.balanceTasks) return createCompoundSynthesis(options);
  const counts = await countPlannedTasks(inputs, basic);
  return createCompoundSynthesis(options, keepRates(counts, options.taskShares));
}
