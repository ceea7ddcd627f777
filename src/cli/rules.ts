import type { Command } from "commander";
import { loadDictionary } from "../dictionary/index.ts";
import { openJsonlOutput, refuseOutputOverInput } from "../io/index.ts";
import { runLlmJob } from "../llm/index.ts";
import { countReasons, ruleAnnotationJob, sampleRuleCandidates } from "../rules/index.ts";
import { addInputOptions, datasetInputs, type InputFlags } from "./input-options.ts";
import {
  addLlmOptions,
  answerOrExport,
  type LlmFlags,
  type LlmMode,
  plannedOutputs,
  RUN_MODE,
} from "./llm-options.ts";
import { parsePositiveInteger, parseSeed } from "./option-parsers.ts";

interface RulesFlags extends LlmFlags, InputFlags {
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
  addLlmOptions(command).action((flags: RulesFlags) => annotateRules(flags, mode));
}

async function annotateRules(flags: RulesFlags, mode: LlmMode): Promise<void> {
  const rejectsPath = `${flags.out}.rejects.jsonl`;
  refuseOutputOverInput(plannedOutputs(mode, flags.out, rejectsPath), [...flags.input, flags.dictionary]);
  const dictionary = loadDictionary(flags.dictionary);
  const { sampled, records, rejected } = await sampleRuleCandidates(datasetInputs(flags), {
    perStrategy: flags.perStrategy,
    seed: flags.seed,
  });
  const job = ruleAnnotationJob(sampled, dictionary);
  const outcome = await runLlmJob(job, (requests) => answerOrExport(flags, mode, requests));
  if (outcome === null) return;
  writeJsonl(rejectsPath, outcome.rejected);
  // No accepted rule: the previous --out (if any) stays, and the exit code says the run made nothing.
  if (outcome.accepted.length > 0) writeJsonl(flags.out, outcome.accepted);
  const reasons = countReasons(outcome.rejected)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(", ");
  console.log(
    `${records} records (${rejected} rejected), ${sampled.length} asked: ${outcome.accepted.length} accepted, ` +
      `${outcome.rejected.length} rejected${reasons ? ` (${reasons})` : ""} → ` +
      `${outcome.accepted.length > 0 ? `${flags.out}, ` : ""}${rejectsPath}`,
  );
  if (outcome.accepted.length === 0)
    throw new Error(`no rule was accepted, ${flags.out} not written; see ${rejectsPath}`);
}

function writeJsonl(path: string, values: readonly unknown[]): void {
  const out = openJsonlOutput(path);
  try {
    for (const value of values) out.write(value);
    out.commit();
  } finally {
    out.abort();
  }
}
