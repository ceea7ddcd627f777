// What `hum report` does, and the corpus report `hum synth --report` writes: loaded when they run.
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { type RunFacts, writeReport } from "../report/index.ts";
import { PAPER_COMPOUND_RATIO, PAPER_STRATEGY_SHARES, PAPER_TASK_SHARES } from "../synth/index.ts";
import { loadTokenCounter, type TokenCounter } from "../tokenizer/index.ts";
import type { ReportFlags } from "./report.ts";

export async function report(instructions: string, flags: ReportFlags): Promise<void> {
  const summary = flags.summary ? readSummary(flags.summary) : undefined;
  const countTokens = flags.tokenizer ? await loadTokenCounter(flags.tokenizer) : undefined;
  const stats = await writeCorpusReport(instructions, flags.out, {
    summary,
    rejects: flags.rejects,
    countTokens,
  });
  console.log(`report of ${stats.instructions} instructions written to ${flags.out}`);
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
