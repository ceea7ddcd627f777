import { type Command, InvalidArgumentError, Option } from "commander";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import {
  DataError,
  describeIssues,
  readTextFile,
  refuseOutputOverInput,
  UsageError,
  writeFileAtomic,
} from "../io/index.ts";
import type { DatasetInput } from "../readers/index.ts";
import { labelMapOption } from "../readers/index.ts";
import type { RunFacts } from "../report/index.ts";
import type { CompoundStrategy, HardNegatives } from "../synth/index.ts";
import {
  basicOnlyMix,
  basicOptionsFrom,
  compoundOptionsFrom,
  formatMix,
  formatSummary,
  isBasicOnly,
  loadSynthConfig,
  type MixReport,
  mergeSettings,
  parseShard,
  prepareCompound,
  type Shard,
  type SynthFlags,
  type SynthSummary,
  settingsFromFlags,
  synthesize,
} from "../synth/index.ts";
import { TOKENIZER_NAMES } from "../tokenizer/index.ts";
import { LABEL_MAP_HELP } from "./input-options.ts";
import { collect, parsePositiveInteger, parseRatio, parseSeed } from "./option-parsers.ts";
import { writeCorpusReport } from "./report.ts";

interface SynthCommandFlags extends SynthFlags {
  input: string[];
  format?: string;
  labelMap?: string;
  config?: string;
  workers?: number;
  shard?: Shard;
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
      "worker threads for a basic-only run, same bytes as 1 (default: the cores, 1 for inputs under 16 MB)",
      parsePositiveInteger,
    )
    .option(
      "--shard <i/N>",
      "write only part i of N of the input records (see docs/performance.md)",
      parseShard,
    )
    .option("--report <file.html>", "also write the corpus report (as `hum report`) at the end of the run")
    .option("-c, --config <file.yaml>", "a config file naming the same settings (flags win)")
    .action(async (flags: SynthCommandFlags) => {
      const config = flags.config ? loadSynthConfig(flags.config) : {};
      const settings = mergeSettings(config, settingsFromFlags(flags));
      const inputs: DatasetInput[] =
        flags.input.length > 0
          ? flags.input.map((path) => ({
              path,
              format: flags.format,
              labelMap: labelMapOption(flags.labelMap),
            }))
          : (config.inputs ?? []);
      const out = settings.out;
      if (inputs.length === 0)
        throw new UsageError("no input: give --input <file> or a --config with inputs");
      if (!out) throw new UsageError("no output: give --out <file.jsonl> or a --config with out");
      const hardNegativesPath = settings.hard_negatives;
      const summaryPath = settings.summary;
      refuseOutputOverInput(
        [out, `${out}.rejects.jsonl`, summaryPath, flags.report],
        [
          ...inputs.map((input) => input.path),
          flags.config,
          hardNegativesPath,
          settings.dictionary,
          settings.rules,
        ],
      );

      const basic = basicOptionsFrom(
        settings,
        hardNegativesPath ? readHardNegatives(hardNegativesPath) : undefined,
      );
      const options = await compoundOptionsFrom(settings);
      // Basic-only runs skip compound synthesis (nothing to decide), so they can use worker threads.
      const compound = isBasicOnly(options)
        ? { mix: (summary: SynthSummary) => basicOnlyMix(options, summary.instructions.by_task) }
        : await prepareCompound(inputs, basic, options).then((c) => ({
            expand: c.expand,
            mix: () => c.report(),
          }));

      const summary = await synthesize({
        inputs,
        out,
        ...basic,
        ...compound,
        // Unless asked: the cores for a basic-only run over inputs large enough to repay starting them.
        workers: flags.workers,
        shard: flags.shard,
        labelCache: LABEL_CACHE,
      });
      if (summaryPath) writeFileAtomic(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
      console.log(formatSummary(summary));
      if (summary.mix) {
        const mix = summary.mix as MixReport;
        console.log(formatMix(mix));
        for (const warning of mix.warnings) console.error(`hum synth: warning: ${warning}`);
      }
      if (summary.instructions.total === 0)
        throw new Error(
          `no instruction was produced, ${out} not written` +
            (summary.records.rejected > 0 ? `; see ${summary.outputs.rejects}` : "") +
            (flags.format ? ` (is --format ${flags.format} right for these inputs?)` : ""),
        );
      if (flags.report) {
        const tokenizer = settings.tokenizer;
        await writeCorpusReport(out, flags.report, {
          summary: summary as RunFacts,
          rejects: summary.outputs.rejects,
          countTokens: tokenizer ? options.countTokens : undefined,
        });
        console.log(`report written to ${flags.report}`);
      }
    });
}

/** Where each input's label pass is kept while the input is unchanged (beside the LLM cache). */
const LABEL_CACHE = ".hum/labels";

const HardNegativesFile = z.record(z.string(), z.array(z.string()));

function readHardNegatives(path: string): HardNegatives {
  let value: unknown;
  try {
    value = parseYaml(readTextFile(path));
  } catch (error) {
    if (error instanceof Error && error.name === "YAMLParseError")
      throw new DataError(path, undefined, error.message);
    throw error;
  }
  const parsed = HardNegativesFile.safeParse(value);
  if (!parsed.success)
    throw new DataError(
      path,
      undefined,
      `hard negatives must map each label to a list of labels (${describeIssues(parsed.error.issues)})`,
    );
  return parsed.data;
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
