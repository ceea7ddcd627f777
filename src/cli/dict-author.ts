import type { Command } from "commander";
import { dictCommand } from "./dict.ts";
import { addInputOptions, type InputFlags } from "./input-options.ts";
import { addLlmOptions, type LlmFlags, type LlmMode, RUN_MODE } from "./llm-options.ts";
import { parsePositiveInteger, parseSeed } from "./option-parsers.ts";

export interface DictAuthorFlags extends LlmFlags, InputFlags {
  out: string;
  dictionary?: string;
  paraphrases: number;
  synonyms: number;
  examples: number;
  seed: number;
}

/**
 * `hum dict author`, added to the `dict` group beside `hum dict mine` (whichever registers first creates
 * it). In plan mode (`hum llm export-batch … dict author …`) it makes no call and writes no dictionary:
 * its uncached requests go to the batch file.
 */
export function registerDictAuthorCommand(program: Command, mode: LlmMode = RUN_MODE): void {
  const command = addInputOptions(dictCommand(program).command("author"))
    .description("ask an LLM for label descriptions, synonyms, values, roles and inverses (unreviewed)")
    .requiredOption("-o, --out <dictionary>", "the dictionary to write (YAML, or JSON for .json)")
    .option(
      "--dictionary <file>",
      "an existing dictionary to complete (reviewed entries are kept as they are)",
    )
    .option("--paraphrases <n>", "descriptions per label", parsePositiveInteger, 3)
    .option("--synonyms <n>", "synonyms per label", parsePositiveInteger, 3)
    .option("--examples <n>", "data texts shown per label in the prompt", parsePositiveInteger, 3)
    .option("--seed <n>", "seed of which texts are shown", parseSeed, 42);
  addLlmOptions(command).action(async (flags: DictAuthorFlags) => {
    const { dictAuthor } = await import("./dict-author-action.ts");
    await dictAuthor(flags, mode);
  });
}
