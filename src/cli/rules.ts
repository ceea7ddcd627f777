import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { type Command, Option } from "commander";
import { loadDictionary } from "../dictionary/dictionary-file.ts";
import { createLlmClient } from "../llm/index.ts";
import { countReasons, jsonLines, judgeAnswers, ruleJobs } from "../rules/annotate-rules.ts";
import { sampleRuleCandidates } from "../rules/rule-candidate.ts";
import {
  addLlmOptions,
  clientOptionsFor,
  type LlmCommandMode,
  type LlmFlags,
  RUN_MODE,
  runOrExport,
} from "./llm-options.ts";
import { collect, parsePositiveInteger, parseSeed } from "./option-parsers.ts";

interface RulesFlags extends LlmFlags {
  input: string[];
  format?: string;
  source?: string;
  lang?: "en" | "zh";
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
export function registerRulesCommand(program: Command, mode: LlmCommandMode = RUN_MODE): void {
  const command = program
    .command("rules")
    .description("ask an LLM for preference rules (paper Figure 3) and keep those that pass the checks")
    .option("-i, --input <file>", "a dataset (canonical JSONL or a native format); repeatable", collect, [])
    .option("--format <name>", "the format of every --input (detected when absent)")
    .option("--source <name>", "the source name to give the records (as given to `hum dict mine`)")
    .addOption(
      new Option("--lang <lang>", "the language of the records when the format does not say").choices([
        "en",
        "zh",
      ]),
    )
    .requiredOption("--dictionary <file>", "the schema dictionary (label descriptions go into the prompt)")
    .requiredOption("-o, --out <rules.jsonl>", "accepted rules; rejections go to <out>.rejects.jsonl")
    .option("--per-strategy <n>", "record labels asked per source and strategy", parsePositiveInteger, 20)
    .option("--seed <n>", "seed of which record labels are asked", parseSeed, 42);
  addLlmOptions(command).action((flags: RulesFlags) => annotateRules(flags, mode));
}

async function annotateRules(flags: RulesFlags, mode: LlmCommandMode): Promise<void> {
  if (flags.input.length === 0) throw new Error("no input: give --input <file>");
  const dictionary = loadDictionary(flags.dictionary);
  const { sampled, records, rejected } = await sampleRuleCandidates(
    flags.input.map((path) => ({ path, format: flags.format, source: flags.source, lang: flags.lang })),
    { perStrategy: flags.perStrategy, seed: flags.seed },
  );
  const jobs = ruleJobs(sampled, dictionary);
  const client = createLlmClient(clientOptionsFor(flags, mode));
  try {
    const results = await runOrExport(
      client,
      jobs.map((job) => job.request),
      mode,
    );
    if (results === null) return;
    const outcome = judgeAnswers(jobs, results);
    const rejectsPath = `${flags.out}.rejects.jsonl`;
    mkdirSync(dirname(flags.out), { recursive: true });
    writeFileSync(flags.out, jsonLines(outcome.accepted));
    writeFileSync(rejectsPath, jsonLines(outcome.rejected));
    const reasons = countReasons(outcome.rejected)
      .map(([reason, count]) => `${reason} ${count}`)
      .join(", ");
    console.log(
      `${records} records (${rejected} rejected), ${jobs.length} asked: ${outcome.accepted.length} accepted, ` +
        `${outcome.rejected.length} rejected${reasons ? ` (${reasons})` : ""} → ${flags.out}, ${rejectsPath}`,
    );
  } finally {
    client.close();
  }
}
