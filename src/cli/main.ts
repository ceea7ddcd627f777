import { Command } from "commander";
import { registerConvertCommand } from "./convert.ts";
import { registerDictCommand } from "./dict.ts";
import { registerDictAuthorCommand } from "./dict-author.ts";
import { registerEvalCommand } from "./eval.ts";
import { registerExportCommand } from "./export.ts";
import { registerGlanCommand } from "./glan.ts";
import { registerLintCommand } from "./lint.ts";
import { registerLlmCommand } from "./llm.ts";
import { registerReportCommand } from "./report.ts";
import { registerReviewCommand } from "./review.ts";
import { registerRulesCommand } from "./rules.ts";
import { registerSynthCommand } from "./synth.ts";
import { humVersion } from "./version.ts";

/** The `hum` command line: one file per command under src/cli/, each thin over the library. */
export function buildProgram(options: { exitOverride?: boolean } = {}): Command {
  const program = new Command("hum")
    .description(
      "Hum: NLU instruction synthesis — datasets in, instruction-tuning corpus out, models evaluated",
    )
    .version(humVersion(), "-V, --version", "print Hum's version")
    .showHelpAfterError();
  // Tests run commands in process: errors must throw, not exit (subcommands inherit this setting).
  if (options.exitOverride) program.exitOverride();
  registerConvertCommand(program);
  registerSynthCommand(program);
  registerDictCommand(program);
  registerDictAuthorCommand(program);
  registerRulesCommand(program);
  registerLlmCommand(program);
  registerEvalCommand(program);
  registerExportCommand(program);
  registerLintCommand(program);
  registerGlanCommand(program);
  registerReviewCommand(program);
  registerReportCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    console.error(`hum: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
