import { type Command, Option } from "commander";
import { UsageError } from "../io/index.ts";
import type { DatasetInput } from "../readers/read-inputs.ts";
import { collect } from "./option-parsers.ts";

/** The flags of every command that reads datasets. */
export interface InputFlags {
  input: string[];
  format?: string;
  source?: string;
  lang?: "en" | "zh";
}

export function addInputOptions(command: Command): Command {
  return command
    .option("-i, --input <file>", "a dataset (canonical JSONL or a native format); repeatable", collect, [])
    .option("--format <name>", "the format of every --input (detected when absent)")
    .option("--source <name>", "the source name to give the records (as given to `hum dict mine`)")
    .addOption(
      new Option("--lang <lang>", "the language of the records when the format does not say").choices([
        "en",
        "zh",
      ]),
    );
}

/** The datasets named by the flags; a command without any is a usage error. */
export function datasetInputs(flags: InputFlags): DatasetInput[] {
  if (flags.input.length === 0) throw new UsageError("no input: give --input <file>");
  return flags.input.map((path) => ({ path, format: flags.format, source: flags.source, lang: flags.lang }));
}
