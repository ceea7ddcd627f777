import { type Command, Option } from "commander";
import type { IepileTask } from "../eval/index.ts";
import { IEPILE_TASKS } from "./help-facts.ts";
import { addLlmOptions, type LlmFlags, type LlmMode, RUN_MODE } from "./llm-options.ts";
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

export interface BuildFlags {
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

export interface RunFlags extends LlmFlags {
  sets: string;
  out: string;
  temperature: number;
  topP: number;
  maxTokens: number;
}

export interface ScoreFlags {
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
      const { build } = await import("./eval-action.ts");
      await build(flags);
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
    const { run } = await import("./eval-action.ts");
    await run(flags, mode);
  });
}

function registerReference(evaluation: Command): void {
  evaluation
    .command("reference")
    .description("write predictions equal to the gold references (scoring them must give 100 everywhere)")
    .requiredOption("--sets <dir>", "the eval sets folder (or one set file)")
    .requiredOption("-o, --out <predictions.jsonl>", "where the predictions go")
    .action(async (flags: { sets: string; out: string }) => {
      const { reference } = await import("./eval-action.ts");
      await reference(flags);
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
      const { score } = await import("./eval-action.ts");
      await score(flags);
    });
}
