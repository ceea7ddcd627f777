import { Command, CommanderError } from "commander";
import { DataError, describeCause, FileError, UsageError } from "../io/index.ts";
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

/**
 * The `hum` command line: one file per command under src/cli/, each thin over the library. Building it
 * loads commander and the command definitions alone: each action imports the library when it runs, so
 * `hum --help` and every command start without the stages they do not use.
 */
export function buildProgram(options: { exitOverride?: boolean } = {}): Command {
  const program = new Command("hum")
    .description(
      "Hum: NLU instruction synthesis — datasets in, instruction-tuning corpus out, models evaluated",
    )
    .version(humVersion(), "-V, --version", "print Hum's version")
    .showHelpAfterError();
  // Tests run commands in process: errors must throw, not exit (subcommands inherit this setting).
  if (options.exitOverride) program.exitOverride();
  // A usage error raised inside an action is reported by the command that was running, with its usage.
  program.hook("preAction", (_program, action) => {
    running.set(program, action);
  });
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

const running = new WeakMap<Command, Command>();

/**
 * Runs a parsed program. Usage errors print the command's usage (as commander does for its own);
 * every other error prints one line, `hum: <message>`, with no stack and never the API key.
 */
export async function runProgram(program: Command, argv: string[], from: "node" | "user"): Promise<void> {
  try {
    await program.parseAsync(argv, { from });
  } catch (error) {
    if (error instanceof UsageError) {
      // commander prints "error: …" and the usage, then exits (or throws under exitOverride).
      (running.get(program) ?? program).error(`error: ${await redactSecrets(error.message)}`, {
        code: "hum.usage",
      });
    }
    throw error;
  }
}

export async function main(argv: string[]): Promise<void> {
  try {
    await runProgram(buildProgram(), argv, "node");
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    console.error(`hum: ${await redactSecrets(messageOf(error))}`);
    process.exitCode = 1;
  }
}

/** An error as one line; a system error that escaped the I/O layer still names its file. */
function messageOf(error: unknown): string {
  const { path, code } = (error ?? {}) as { path?: unknown; code?: unknown };
  const ours = error instanceof FileError || error instanceof DataError;
  if (!ours && typeof path === "string" && typeof code === "string")
    return `${path}: ${describeCause(error)}`;
  return error instanceof Error ? error.message : String(error);
}

/** Never print the API key; the LLM stage that knows it is loaded only when there is an error to print. */
async function redactSecrets(message: string): Promise<string> {
  const llm = await import("../llm/index.ts");
  return llm.redactSecrets(message);
}
