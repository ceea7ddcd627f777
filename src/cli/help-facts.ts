// The library facts that command definitions show in their help and check while parsing flags. They are
// copied here, not imported, because every library folder's index loads zod, yaml and friends: `hum
// --help` and the flag parsing of every command would pay for all of it (docs/performance.md, start-up).
// src/cli/help-facts.test.ts checks each against the library, so a copy cannot drift.

/** `hum convert --format`: every reader's name, in the readers' order (readers/index.ts READERS). */
export const READER_NAMES = [
  "canonical",
  "conll",
  "conll04",
  "fewrel",
  "scierc-relation",
  "ade",
  "ade-dose",
  "c3",
  "squad",
  "aclimdb",
  "label-tsv",
  "fewfc",
  "phee",
  "casie",
  "alpaca",
  "iepile",
  "instructie",
  "openie-tsv",
] as const;

/** tokenizer/index.ts */
export const TOKENIZER_NAMES = ["chars/4", "qwen2", "qwen3"] as const;
export const DEFAULT_TOKEN_BUDGET = 1500;

/** llm/index.ts */
export const DEFAULT_CACHE_PATH = ".hum/cache.sqlite";

/** eval/index.ts */
export const IEPILE_TASKS = ["NER", "RE", "EE", "EET", "EEA"] as const;

/** export/index.ts */
export const TARGET_NAMES = ["llamafactory", "openai", "parquet", "hf"] as const;
export const TRAIN_CONFIGS = ["llamafactory", "opencompass"] as const;
export const LLAMAFACTORY_FORMATS = ["alpaca", "sharegpt"] as const;
export const DEFAULT_SPLIT = "train=0.98,validation=0.02";
export const PAPER_MAX_INPUT_TOKENS = 1500;
export const PAPER_MAX_OUTPUT_TOKENS = 500;
