import { existsSync } from "node:fs";
import type { Command } from "commander";
import { refuseOutputOverInput } from "../io/index.ts";
import { addInputOptions, datasetInputs, type InputFlags } from "./input-options.ts";
import { parsePositiveInteger, parseSeed } from "./option-parsers.ts";

interface MineFlags extends InputFlags {
  out: string;
  seed?: number;
  examples?: number;
  fresh?: boolean;
}

/**
 * The `dict` command group, created on first use: `registerDictCommand` adds `mine`, and a sibling
 * (`dict author`) gets the same group from here to add itself beside it.
 */
export function dictCommand(program: Command): Command {
  const existing = program.commands.find((command) => command.name() === "dict");
  if (existing) return existing;
  return program.command("dict").description("build and maintain the schema dictionary used by guidelines");
}

export function registerDictCommand(program: Command): Command {
  const dict = dictCommand(program);
  addInputOptions(dict.command("mine"))
    .description("fill examples and representative values of every label from the corpus")
    .requiredOption(
      "-o, --out <dictionary>",
      "the dictionary to write (.yaml, or .json); merged into if it exists",
    )
    .option("--seed <n>", "seed of every sampling choice (default 42)", parseSeed)
    .option("--examples <n>", "positive and negative examples per label (default 5)", parsePositiveInteger)
    .option("--fresh", "ignore an existing --out instead of merging into it")
    .action(async (flags: MineFlags) => {
      const { emptyDictionary, loadDictionary, mergeDictionaries, mineDictionary, saveDictionary } =
        await import("../dictionary/index.ts");
      const inputs = await datasetInputs(flags);
      refuseOutputOverInput([flags.out], flags.input);
      const mined = await mineDictionary(inputs, { seed: flags.seed ?? 42, examples: flags.examples ?? 5 });
      const existing = !flags.fresh && existsSync(flags.out) ? loadDictionary(flags.out) : emptyDictionary();
      const merged = mergeDictionaries(existing, mined.dictionary);
      saveDictionary(flags.out, merged);
      const labels = Object.values(mined.dictionary.sources).reduce(
        (n, s) => n + Object.keys(s.labels).length,
        0,
      );
      console.log(
        `mined ${mined.records} records (${mined.rejected} rejected): ` +
          `${Object.keys(mined.dictionary.sources).length} sources, ${labels} labels; wrote ${flags.out}`,
      );
    });
  return dict;
}
