import { loadDictionary } from "../dictionary/index.ts";
import type { BasicOptions } from "./basic.ts";
import { type CompoundSynthesis, createCompoundSynthesis } from "./compound.ts";
import { type CompoundOptions, defaultCompoundOptions } from "./compound-options.ts";
import type { LoadedConfig } from "./config.ts";
import type { InputSpec } from "./label-universe.ts";
import { loadRuleFile } from "./rule-file.ts";
import { countPlannedTasks, keepRates } from "./task-balance.ts";

/** The compound settings given as flags (they win over the config file). */
export interface CompoundFlags {
  compoundRatio?: number;
  dictionary?: string;
  rules?: string;
  balanceTasks?: boolean;
  reviewedOnly?: boolean;
}

/** Compound options from defaults, then the config file, then the flags; files are read here. */
export function compoundOptionsFrom(
  seed: number,
  config: LoadedConfig,
  flags: CompoundFlags,
): CompoundOptions {
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
    reviewedOnly: flags.reviewedOnly ?? guidelines.reviewed_only ?? options.guidelines.reviewedOnly,
  };
  const dictionaryPath = flags.dictionary ?? config.dictionary;
  if (dictionaryPath) options.dictionary = loadDictionary(dictionaryPath);
  const rulesPath = flags.rules ?? config.rules;
  if (rulesPath) options.rules = loadRuleFile(rulesPath, { reviewedOnly: options.guidelines.reviewedOnly });
  return options;
}

/** Compound synthesis ready for the pipeline; task balancing first counts the corpus in one pass. */
export async function prepareCompound(
  inputs: readonly InputSpec[],
  basic: BasicOptions,
  options: CompoundOptions,
): Promise<CompoundSynthesis> {
  if (!options.balanceTasks) return createCompoundSynthesis(options);
  const counts = await countPlannedTasks(inputs, basic);
  return createCompoundSynthesis(options, keepRates(counts, options.taskShares));
}
