import { type Command, Option } from "commander";
import { TOKENIZER_NAMES } from "./help-facts.ts";

export interface ReportFlags {
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
      const { report } = await import("./report-action.ts");
      await report(instructions, flags);
    });
}
