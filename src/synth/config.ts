import { dirname, isAbsolute, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { DataError, FileError, readTextFile } from "../io/index.ts";
import type { DatasetInput as InputSpec } from "../readers/index.ts";
import { labelMapOption } from "../readers/index.ts";
import { TASK_NAMES, type TaskName } from "../tasks/index.ts";
import { TOKENIZER_NAMES } from "../tokenizer/index.ts";

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
    /** LLM-authored preference rules, one JSON object per line (see synth/rule-file.ts). */
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
  inputs?: InputSpec[];
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
