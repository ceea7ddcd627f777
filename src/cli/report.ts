import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import { type RunFacts, writeReport } from "../report/index.ts";
import { PAPER_COMPOUND_RATIO, PAPER_STRATEGY_SHARES, PAPER_TASK_SHARES } from "../synth/compound-options.ts";

interface ReportFlags {
  out: string;
  summary?: string;
  rejects?: string;
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
    .action(async (instructions: string, flags: ReportFlags) => {
      const summary = flags.summary ? readSummary(flags.summary) : undefined;
      const stats = await writeCorpusReport(instructions, flags.out, summary, flags.rejects);
      console.log(`report of ${stats.instructions} instructions written to ${flags.out}`);
    });
}

/** The report with the paper's targets, for `hum report` and `hum synth --report`. */
export function writeCorpusReport(instructions: string, out: string, summary?: RunFacts, rejects?: string) {
  const rejectsPath = rejects ?? `${instructions}.rejects.jsonl`;
  return writeReport(instructions, out, {
    title: basename(instructions),
    summary,
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
