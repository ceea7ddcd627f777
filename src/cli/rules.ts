import type { Command } from "commander";
import { addInputOptions, type InputFlags } from "./input-options.ts";
import { addLlmOptions, type LlmFlags, type LlmMode, RUN_MODE } from "./llm-options.ts";
import { parsePositiveInteger, parseSeed } from "./option-parsers.ts";

export interface RulesFlags extends LlmFlags, InputFlags {
  dictionary: string;
  out: string;
  perStrategy: number;
  seed: number;
}

/**
 * `hum rules`: LLM preference rules (boundaries, numerical, granularity, punctuation, nesting, reverse)
 * for a seeded sample of record labels, written for `hum synth --rules`. In plan mode it makes no call
 * and writes no rules: its uncached requests go to the batch file.
 */
export function registerRulesCommand(program: Command, mode: LlmMode = RUN_MODE): void {
  const command = addInputOptions(program.command("rules"))
    .description("ask an LLM for preference rules (paper Figure 3) and keep those that pass the checks")
    .requiredOption("--dictionary <file>", "the schema dictionary (label descriptions go into the prompt)")
    .requiredOption("-o, --out <rules.jsonl>", "accepted rules; rejections go to <out>.rejects.jsonl")
    .option("--per-strategy <n>", "record labels asked per source and strategy", parsePositiveInteger, 20)
    .option("--seed <n>", "seed of which record labels are asked", parseSeed, 42);
  addLlmOptions(command).action(async (flags: RulesFlags) => {
    const { annotateRules } = await import("./rules-action.ts");
    await annotateRules(flags, mode);
  });
}
