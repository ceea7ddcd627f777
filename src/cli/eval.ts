import { type Command, Option } from "commander";
import type { EvalDatasetName } from "../eval/index.ts";
import {
  buildEvalSets,
  evalSetFiles,
  formatReportTable,
  IEPILE_TASKS,
  type IepileTask,
  type PredictionDetail,
  readLabelDescriptions,
  readPredictions,
  runEval,
  type ScoreOptions,
  scoreIepilePredictions,
  scorePredictions,
  writeReferencePredictions,
} from "../eval/index.ts";
import { openJsonlOutput, refuseOutputOverInput, UsageError } from "../io/index.ts";
import {
  addLlmOptions,
  clientOptionsFor,
  type LlmFlags,
  type LlmMode,
  plannedOutputs,
  RUN_MODE,
} from "./llm-options.ts";
import {
  parsePositiveInteger,
  parseRatio,
  parseSeed,
  parseTemperature,
  parseTopP,
  parseWholeNumber,
} from "./option-parsers.ts";

const LAYOUT_HELP = `
Datasets folder layout (--datasets <dir>); a set that is absent is skipped:
  crossner/<domain>/dev.txt            CrossNER, CoNLL token<TAB>tag; the domains are pooled
  fewrel/val_wiki.json                 FewRel, with fewrel/pid2name.json beside it
  fewfc/dev_base.json                  FewFC JSON Lines: the stand-in for CCF Law
  c3/c3-*-dev.json                     C3 (every matching file)
  imdb/aclImdb/test/{pos,neg}/*.txt    IMDB
Writes <out>/<set>.B.jsonl, <out>/<set>.C.jsonl and <out>/manifest.json.`;

interface BuildFlags {
  datasets?: string;
  out: string;
  crossner?: string;
  fewrel?: string;
  fewfc?: string;
  c3?: string;
  imdb?: string;
  dictionary?: string;
  seed: number;
  examplePool: number;
  formatShare: number;
}

interface RunFlags extends LlmFlags {
  sets: string;
  out: string;
  temperature: number;
  topP: number;
  maxTokens: number;
}

interface ScoreFlags {
  predictions: string;
  format: "hum" | "iepile";
  task?: IepileTask;
  details?: string;
  compat?: "iepile";
  normalize?: boolean;
  json?: boolean;
  name?: string;
}

/**
 * `hum eval build | run | reference | score`: paper Table 1 for any OpenAI-compatible endpoint. In plan
 * mode (`hum llm export-batch … eval run …`) only `run` is registered: it makes no call and writes no
 * predictions, its uncached requests go to the batch file.
 */
export function registerEvalCommand(program: Command, mode: LlmMode = RUN_MODE): void {
  const evaluation = program
    .command("eval")
    .description("build eval sets, query a model endpoint, score its outputs");
  if (mode.mode === "plan") {
    registerRun(evaluation, mode);
    return;
  }
  registerBuild(evaluation);
  registerRun(evaluation, mode);
  registerReference(evaluation);
  registerScore(evaluation);
}

function registerBuild(evaluation: Command): void {
  evaluation
    .command("build")
    .description("build the B (basic) and C (compound) eval sets of CrossNER, FewRel, FewFC, C3 and IMDB")
    .option("--datasets <dir>", "folder with the eval datasets in the layout below")
    .requiredOption("-o, --out <dir>", "folder for the eval sets")
    .option("--crossner <path>", "CrossNER folder (with <domain>/dev.txt) or one CoNLL file")
    .option("--fewrel <path>", "FewRel val_wiki.json (pid2name.json beside it) or its folder")
    .option("--fewfc <path>", "FewFC dev_base.json or its folder")
    .option("--c3 <path>", "a C3 c3-*-dev.json file or their folder")
    .option("--imdb <path>", "an aclImdb tree (aclImdb/, aclImdb/test/ or the folder holding aclImdb/)")
    .option("--dictionary <file>", "YAML/JSON label descriptions for the C sets (see docs/evaluation.md)")
    .option("--seed <n>", "seed of every choice", parseSeed, 42)
    .option(
      "--example-pool <n>",
      "records per source held out as C examples, never scored (≤ 10 %)",
      parseWholeNumber,
      20,
    )
    .option("--format-share <p>", "share of C IE instructions asking another output format", parseRatio, 0.25)
    .addHelpText("after", LAYOUT_HELP)
    .action(async (flags: BuildFlags) => {
      const overrides: Partial<Record<EvalDatasetName, string>> = {};
      for (const name of ["crossner", "fewrel", "fewfc", "c3", "imdb"] as const)
        if (flags[name]) overrides[name] = flags[name];
      if (!flags.datasets && Object.keys(overrides).length === 0)
        throw new UsageError("no data: give --datasets <dir> or a per-set path such as --crossner <dir>");
      refuseOutputOverInput([flags.out], [flags.datasets, ...Object.values(overrides), flags.dictionary]);
      const manifest = await buildEvalSets({
        datasets: flags.datasets,
        overrides,
        out: flags.out,
        seed: flags.seed,
        examplePool: flags.examplePool,
        formatShare: flags.formatShare,
        descriptions: flags.dictionary ? readLabelDescriptions(flags.dictionary) : undefined,
      });
      for (const set of manifest.sets) {
        const { read, rejected, example_pool, scored } = set.records;
        console.log(
          `${set.title}: ${read} records read, ${rejected} rejected, ${example_pool} held out as examples, ` +
            `${scored} scored; ${set.instructions.B} B and ${set.instructions.C} C instructions`,
        );
      }
      if (manifest.missing.length > 0) console.log(`not found (skipped): ${manifest.missing.join(", ")}`);
      if (manifest.sets.length === 0)
        throw new Error(
          `no eval set was built: none of the datasets was found${flags.datasets ? ` in ${flags.datasets}` : ""} ` +
            "(see `hum eval build --help` for the layout)",
        );
    });
}

function registerRun(evaluation: Command, mode: LlmMode): void {
  const command = evaluation
    .command("run")
    .description("ask an OpenAI-compatible endpoint every eval instruction (cached and resumable)")
    .requiredOption("--sets <dir>", "the eval sets folder written by `hum eval build` (or one set file)")
    .requiredOption("-o, --out <predictions.jsonl>", "where the predictions go")
    .option("--temperature <t>", "sampling temperature, 0 to 2", parseTemperature, 0.2)
    .option("--top-p <p>", "nucleus sampling mass, above 0 and at most 1", parseTopP, 0.95)
    .option("--max-tokens <n>", "most new tokens per answer", parsePositiveInteger, 500);
  addLlmOptions(command).action(async (flags: RunFlags) => {
    refuseOutputOverInput(plannedOutputs(mode, flags.out), evalSetFiles(flags.sets));
    const report = await runEval({
      sets: flags.sets,
      out: flags.out,
      client: clientOptionsFor(flags, mode),
      params: { temperature: flags.temperature, top_p: flags.topP, max_tokens: flags.maxTokens },
      mode,
    });
    if ("batchOut" in report)
      console.log(
        `planned ${report.planned} requests: ${report.cached} already cached, ${report.written} written to ${report.batchOut}`,
      );
    else console.log(`${report.predictions} predictions (${report.failed} failed requests) → ${report.out}`);
  });
}

function registerReference(evaluation: Command): void {
  evaluation
    .command("reference")
    .description("write predictions equal to the gold references (scoring them must give 100 everywhere)")
    .requiredOption("--sets <dir>", "the eval sets folder (or one set file)")
    .requiredOption("-o, --out <predictions.jsonl>", "where the predictions go")
    .action(async (flags: { sets: string; out: string }) => {
      refuseOutputOverInput([flags.out], evalSetFiles(flags.sets));
      const count = await writeReferencePredictions(flags.sets, flags.out);
      console.log(`${count} reference predictions → ${flags.out}`);
    });
}

function registerScore(evaluation: Command): void {
  evaluation
    .command("score")
    .description("score predictions: micro P/R/F1 over exact tuples, accuracy for choices, as paper Table 1")
    .requiredOption(
      "--predictions <file.jsonl>",
      "eval records with the model's `output` (from `hum eval run`), or IEPile-format lines (--format iepile)",
    )
    .addOption(
      new Option(
        "--format <format>",
        "predictions format: hum eval records, or IEPile/OneKE test lines + output",
      )
        .choices(["hum", "iepile"])
        .default("hum"),
    )
    .addOption(
      new Option("--task <task>", "the IEPile task of the file (--format iepile)").choices(IEPILE_TASKS),
    )
    .addOption(
      new Option("--compat <scorer>", "reproduce a reference scorer's parsing and arithmetic").choices([
        "iepile",
      ]),
    )
    .option("--normalize", "fold case and drop whitespace before matching")
    .option("--details <file.jsonl>", "write how each output was read, one line per prediction")
    .option("--json", "print the figures as JSON instead of tables")
    .option("--name <row>", "row name of the table (default: the predictions file)")
    .action(async (flags: ScoreFlags) => {
      if (flags.format === "iepile" && !flags.task)
        throw new UsageError("--format iepile needs --task (NER, RE, EE, EET or EEA)");
      refuseOutputOverInput([flags.details], [flags.predictions]);
      const details = flags.details ? openJsonlOutput(flags.details) : undefined;
      const options: ScoreOptions = {
        compat: flags.compat,
        normalize: flags.normalize,
        onPrediction: details ? (detail: PredictionDetail) => details.write(detail) : undefined,
      };
      try {
        const report =
          flags.format === "iepile"
            ? await scoreIepilePredictions(flags.predictions, flags.task!, options)
            : await scorePredictions(readPredictions(flags.predictions), options);
        details?.commit();
        if (flags.json) console.log(JSON.stringify(report, null, 2));
        else console.log(formatReportTable(report, flags.name ?? flags.predictions));
      } finally {
        details?.abort();
      }
    });
}
