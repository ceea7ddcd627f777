import { type Command, Option } from "commander";
import { UsageError } from "../io/index.ts";
import type { DatasetInput } from "../readers/index.ts";
import { collect } from "./option-parsers.ts";

/** The flags of every command that reads datasets. */
export interface InputFlags {
  input: string[];
  format?: string;
  source?: string;
  lang?: "en" | "zh";
  normalizeDirection?: boolean;
  detokenize?: boolean;
  labelMap?: string;
}

export const LABEL_MAP_HELP =
  "YAML/JSON {source: {raw tag: name}} giving labels readable names over the built-in ones; none keeps raw tags";

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
    )
    .option(
      "--normalize-direction",
      "SemEval-style relation names: drop (e1,e2), and swap subject and object for (e2,e1)",
    )
    .option(
      "--detokenize",
      "token-based formats: join tokens as the text was written (-LRB- → (, no space before .)",
    )
    .option("--label-map <file>", LABEL_MAP_HELP);
}

/** The datasets named by the flags; a command without any is a usage error. */
export async function datasetInputs(flags: InputFlags): Promise<DatasetInput[]> {
  if (flags.input.length === 0) throw new UsageError("no input: give --input <file>");
  const { format, source, lang, normalizeDirection, detokenize } = flags;
  const { labelMapOption } = await import("../readers/index.ts");
  const labelMap = labelMapOption(flags.labelMap);
  return flags.input.map((path) => ({
    path,
    format,
    source,
    lang,
    normalizeDirection,
    detokenize,
    labelMap,
  }));
}
