import { type Command, InvalidArgumentError, Option } from "commander";
import type { CompoundStrategy, SynthFlags } from "../synth/index.ts";
import { TOKENIZER_NAMES } from "./help-facts.ts";
import { LABEL_MAP_HELP } from "./input-options.ts";
import { collect, parsePositiveInteger, parseRatio, parseSeed } from "./option-parsers.ts";

export interface SynthCommandFlags extends SynthFlags {
  input: string[];
  format?: string;
  labelMap?: string;
  config?: string;
  workers?: number;
  /** i/N as given: checked by the synth stage when the command runs (see synth-action.ts). */
  shard?: string;
  report?: string;
}

export function registerSynthCommand(program: Command): void {
  program
    .command("synth")
    .description("synthesise instructions from labeled datasets")
    .option("-i, --input <file>", "a dataset (canonical JSONL or a native format); repeatable", collect, [])
    .option("--format <name>", "the format of every --input (detected when absent)")
    .option("--label-map <file>", LABEL_MAP_HELP)
    .option("-o, --out <file.jsonl>", "where the instructions go")
    .option("--seed <n>", "seed of every random choice (default 42)", parseSeed)
    .option(
      "--neg-ratio <p>",
      "negative label ratio p in [0, 1] (default 1: ask every absent label)",
      parseRatio,
    )
    .addOption(
      new Option("--schema-order <order>", "order of schema labels (default sorted)").choices([
        "sorted",
        "shuffled",
      ]),
    )
    .option("--hard-negatives <file>", "YAML/JSON {label: [confusable labels]} asked first as negatives")
    .option("--summary <file.json>", "write the run summary as JSON")
    .option(
      "--compound-ratio <r>",
      "share of compound instructions in [0, 1] (default 0.45, the paper's; 0 writes basic only)",
      parseRatio,
    )
    .option(
      "--dictionary <file>",
      "schema dictionary (YAML/JSON) for guidelines: descriptions, synonyms, examples",
    )
    .option("--rules <file.jsonl>", "LLM-authored preference rules, one JSON object per line")
    .option("--balance-tasks", "down-sample over-represented tasks to the configured task shares")
    .option(
      "--reviewed-only",
      "use only what a reviewer accepted: dictionary descriptions, synonyms and inverses, preference rules",
    )
    .option(
      "--ablate <strategies>",
      "build an ablation dataset: comma-separated guidelines, rules, format; instructions carrying them are written basic",
      parseStrategies,
    )
    .option(
      "--variants-per-sample <k>",
      "compound renderings per chunk decided compound (default 1)",
      parsePositive,
    )
    .option("--token-budget <n>", "token budget of a compound instruction (default 1500)", parsePositive)
    .addOption(
      new Option(
        "--tokenizer <name>",
        "count the token budget and the report's token histograms with this tokenizer (default chars/4)",
      ).choices(TOKENIZER_NAMES),
    )
    .option(
      "--workers <n>",
      "threads rendering (this one and N − 1 workers), same bytes as 1 (default: the cores, one per 8 MB of input, per 2 MB with compound instructions)",
      parsePositiveInteger,
    )
    .option("--shard <i/N>", "write only part i of N of the input records (see docs/performance.md)")
    .option("--report <file.html>", "also write the corpus report (as `hum report`) at the end of the run")
    .option("-c, --config <file.yaml>", "a config file naming the same settings (flags win)")
    .action(async (flags: SynthCommandFlags) => {
      const { synth } = await import("./synth-action.ts");
      await synth(flags);
    });
}

function parseStrategies(value: string): CompoundStrategy[] {
  const strategies = value.split(",").map((s) => s.trim());
  for (const s of strategies)
    if (s !== "guidelines" && s !== "rules" && s !== "format")
      throw new InvalidArgumentError(`unknown strategy "${s}" (guidelines, rules, format)`);
  return strategies as CompoundStrategy[];
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a whole number of at least 1");
  return n;
}
