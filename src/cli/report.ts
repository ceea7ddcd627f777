import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { type Command, Option } from "commander";
import { type RunFacts, writeReport } from "../report/index.ts";
import { PAPER_COMPOUND_RATIO, PAPER_STRATEGY_SHARES, PAPER_TASK_SHARES } from "../synth/index.ts";
import { loadTokenCounter, TOKENIZER_NAMES, type TokenCounter } from "../tokenizer/index.ts";

interface ReportFlags {
  out: string;
  summary?: string;
  rejects?: string;
  tokenizer?: string;
}

export function registerReportCommand(program: Command): void {
  program
    .command("report")
    .description("write a self-contained HTML report of a corpus: shares, lengths, labels, rejects, samples")
    .argument("<instructions.jsonl>", "the instructions `hum synth` wrote")
    .requiredOption("-o, --out <report.html>", "the report to write")
    .option("--summary <file.json>", "the run summary (`hum synth --summary`): records, rejects, targets")
    .option(
      "--rejects <file.jsonl>",
      "the rejects file (default: <instructions>.rejects.jsonl when it exists)",
    )
    .addOption(
      new Option("--tokenizer <name>", "also show token histograms, counted with this tokenizer").choices(
        TOKENIZER_NAMES,
      ),
    )
    .action(async (instructions: string, flags: ReportFlags) => {
      const summary = flags.summary ? readSummary(flags.summary) : undefined;
      const countTokens = flags.tokenizer ? await loadTokenCounter(flags.tokenizer) : undefined;
      const stats = await writeCorpusReport(instructions, flags.out, {
        summary,
        rejects: flags.rejects,
        countTokens,
      });
      console.log(`report of ${stats.instructions} instructions written to ${flags.out}`);
    });
}

/** What a corpus report adds to the instructions: the run summary, its rejects, a tokenizer. */
export interface CorpusReportInputs {
  summary?: RunFacts;
  rejects?: string;
  /** With it the report shows token histograms and names the tokenizer. */
  countTokens?: TokenCounter;
}

/** The report with the paper's targets, for `hum report` and `hum synth --report`. */
export function writeCorpusReport(instructions: string, out: string, inputs: CorpusReportInputs = {}) {
  const { summary, rejects, countTokens } = inputs;
  const rejectsPath = rejects ?? `${instructions}.rejects.jsonl`;
  return writeReport(instructions, out, {
    title: basename(instructions),
    summary,
    countTokens,
    tokenizer: countTokens?.tokenizer,
    taskTargets: PAPER_TASK_SHARES,
    strategyTargets: PAPER_STRATEGY_SHARES,
    compoundTarget: PAPER_COMPOUND_RATIO,
    rejectsPath: existsSync(rejectsPath) ? rejectsPath : undefined,
  });
}

function readSummary(path: string): RunFacts {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as RunFacts;
  } catch (error) {
    throw new Error(`${path}: not a run summary: ${(error as Error).message}`);
  }
}
