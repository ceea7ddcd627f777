import { dirname, isAbsolute, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { DataError, FileError, readTextFile } from "../io/index.ts";
import { TASK_NAMES, type TaskName } from "../tasks/index.ts";
import type { InputSpec } from "./label-universe.ts";

const Share = z.number().min(0).max(1);

const InputEntry = z.union([
  z.string(),
  z.object({
    path: z.string(),
    format: z.string().optional(),
    source: z.string().optional(),
    lang: z.enum(["en", "zh"]).optional(),
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
    guidelines: z
      .object({
        mask_rate: Share.optional(),
        synonym_rate: Share.optional(),
        max_examples: z.number().int().min(0).optional(),
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
    inputs: config.inputs?.map((entry) =>
      typeof entry === "string" ? { path: resolve(entry) } : { ...entry, path: resolve(entry.path) },
    ),
    out: config.out && resolve(config.out),
    summary: config.summary && resolve(config.summary),
    hard_negatives: config.hard_negatives && resolve(config.hard_negatives),
    dictionary: config.dictionary && resolve(config.dictionary),
    rules: config.rules && resolve(config.rules),
  };
}
