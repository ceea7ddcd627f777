import { type Command, Option } from "commander";
import { DEFAULT_TOKEN_BUDGET, TOKENIZER_NAMES } from "./help-facts.ts";

/** `hum lint`: check instruction files against the instruction rules; exit 1 when any fails. */
export function registerLintCommand(program: Command): void {
  program
    .command("lint")
    .description("check instructions (synth output or eval sets) against the instruction rules")
    .argument("<files...>", "instruction JSONL files")
    .option(
      "--budget <tokens>",
      `token budget of a compound instruction (default ${DEFAULT_TOKEN_BUDGET})`,
      Number,
    )
    .addOption(
      new Option(
        "--tokenizer <name>",
        "count the token budget with this tokenizer (default chars/4)",
      ).choices(TOKENIZER_NAMES),
    )
    .option("--json", "print the reports as JSON")
    .action(async (files: string[], flags: { budget?: number; tokenizer?: string; json?: boolean }) => {
      const { formatLintReport, lintJsonl } = await import("../lint/index.ts");
      const { loadTokenCounter } = await import("../tokenizer/index.ts");
      let failed = 0;
      const reports: Record<string, unknown> = {};
      const countTokens = await loadTokenCounter(flags.tokenizer);
      for (const file of files) {
        const report = await lintJsonl(file, { budget: flags.budget, countTokens });
        failed += report.failed;
        reports[file] = report;
        if (!flags.json) console.log(formatLintReport(file, report));
      }
      if (flags.json) console.log(JSON.stringify(reports, null, 2));
      if (failed > 0) process.exitCode = 1;
    });
}
