import { Command, CommanderError } from "commander";
import { registerDictAuthorCommand } from "./dict-author.ts";
import { registerEvalCommand } from "./eval.ts";
import { registerGlanCommand } from "./glan.ts";
import { DEFAULT_CACHE_PATH } from "./llm-options.ts";
import { registerRulesCommand } from "./rules.ts";

const EXPORT_HELP = `
Commands that can be planned (give them exactly as for a live run, LLM flags included):
  dict author --input … --out …     rules --input … --dictionary … --out …
  eval run --sets … --out …         glan subjects|syllabus|questions|answers --in … --out …
Workflow: export-batch → run the file (OpenAI Batch API, or vLLM: vllm run-batch -i batch.jsonl
-o results.jsonl --model <model>) → import-batch --cache <the command's cache> results.jsonl → run the
same command again with --offline: every answer comes from the cache.`;

/** `hum llm export-batch | import-batch`: the batch road for LLM commands (no live calls). */
export function registerLlmCommand(program: Command): void {
  const llm = program
    .command("llm")
    .description("batch files for the LLM commands: export their requests, import the answers")
    // Lets export-batch hand every argument after the planned command's name to that command.
    .enablePositionalOptions();
  llm
    .command("export-batch")
    .description("run an LLM command in planning mode: its uncached requests go to an OpenAI Batch file")
    .requiredOption("-o, --out <batch.jsonl>", "the Batch request file to write")
    .argument("<command...>", "the command and its arguments, e.g. rules --input data.jsonl …")
    .passThroughOptions()
    .addHelpText("after", EXPORT_HELP)
    .action(async (args: string[], flags: { out: string }) => {
      try {
        await plannedProgram(flags.out).parseAsync(args, { from: "user" });
      } catch (error) {
        // Commander has already printed its usage error or the help text the user asked for.
        if (!(error instanceof CommanderError)) throw error;
        if (error.exitCode !== 0) process.exitCode = error.exitCode;
      }
    });
  llm
    .command("import-batch")
    .description("load a Batch results file into the answer cache (failed and cut-off answers are skipped)")
    .option("--cache <file>", "answer cache (SQLite) the command will read", DEFAULT_CACHE_PATH)
    .argument("<results.jsonl>", "results file from the OpenAI Batch API or vLLM run-batch")
    .action(async (results: string, flags: { cache: string }) => {
      const { importBatchResults, RequestCache } = await import("../llm/index.ts");
      const cache = new RequestCache(flags.cache);
      try {
        const report = await importBatchResults(cache, results);
        console.log(
          `imported ${report.imported} answers into ${flags.cache}, ${report.rejected.length} skipped`,
        );
        for (const skipped of report.rejected)
          console.log(
            `  line ${skipped.line} (${skipped.customId ?? "no custom_id"}): ${skipped.reason}: ${skipped.message}`,
          );
        if (report.imported === 0) {
          const notBatch =
            report.rejected.length === 0 || report.rejected.every((r) => r.reason === "bad_line");
          throw new Error(
            notBatch
              ? `${results}: not a Batch results file (no line has a custom_id and a response); nothing imported`
              : `${results}: no answer could be imported (every line failed or was cut off)`,
          );
        }
      } finally {
        cache.close();
      }
    });
}

/** The LLM commands, registered in plan mode: the same code as a live run, stopping before any call. */
function plannedProgram(batchOut: string): Command {
  const program = new Command("hum llm export-batch").exitOverride();
  const mode = { mode: "plan", batchOut } as const;
  registerDictAuthorCommand(program, mode);
  registerRulesCommand(program, mode);
  registerEvalCommand(program, mode);
  registerGlanCommand(program, mode);
  return program;
}
