import type { DatasetInput } from "../readers/index.ts";
import { prepareCompound } from "./compound.ts";
import { basicOptionsFrom, compoundOptionsFrom, settingsFromFlags } from "./config.ts";
import { synthesize } from "./pipeline.ts";
import type { HardNegatives, SchemaOrder } from "./schema-chunks.ts";
import type { SynthSummary } from "./synth-summary.ts";

/** What `hum synth` takes, as a library call: inputs, output and the settings of its flags. */
export interface SynthesizeCorpusOptions {
  inputs: DatasetInput[];
  out: string;
  seed?: number;
  negativeRatio?: number;
  schemaOrder?: SchemaOrder;
  hardNegatives?: HardNegatives;
  /** Share of compound instructions (default 0.45, the paper's; 0 for basic only). */
  compoundRatio?: number;
  /** A schema dictionary file (YAML/JSON) for guidelines. */
  dictionary?: string;
  /** LLM-authored preference rules (`hum rules` output). */
  rules?: string;
  balanceTasks?: boolean;
  reviewedOnly?: boolean;
  /** Token budget of a compound instruction (default 1,500). */
  tokenBudget?: number;
  /** The tokenizer counting that budget (`qwen2`, `qwen3`); the chars/4 estimate when absent. */
  tokenizer?: string;
}

/** Basic and compound synthesis in one call, with the defaults of `hum synth`. */
export async function synthesizeCorpus(options: SynthesizeCorpusOptions): Promise<SynthSummary> {
  const { inputs, out, negativeRatio, hardNegatives, ...flags } = options;
  const settings = settingsFromFlags({ ...flags, negRatio: negativeRatio });
  const basic = basicOptionsFrom(settings, hardNegatives);
  const compound = await prepareCompound(inputs, basic, await compoundOptionsFrom(settings));
  return synthesize({
    inputs,
    out,
    ...basic,
    expand: compound.expand,
    firstPass: compound.firstPass,
    parallel: compound.parallel,
    mix: compound.report,
  });
}
