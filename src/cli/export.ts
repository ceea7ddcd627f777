import { type Command, InvalidArgumentError, Option } from "commander";
import type { LlamaFactoryFormat, TargetName, TrainConfigName } from "../export/index.ts";
import {
  DEFAULT_SPLIT,
  LLAMAFACTORY_FORMATS,
  PAPER_MAX_INPUT_TOKENS,
  PAPER_MAX_OUTPUT_TOKENS,
  TARGET_NAMES,
  TOKENIZER_NAMES,
  TRAIN_CONFIGS,
} from "./help-facts.ts";
import { collect, parsePositiveInteger, parseSeed } from "./option-parsers.ts";

export interface ExportFlags {
  to: TargetName[];
  out: string;
  split: string;
  seed: number;
  holdOutSource: string[];
  holdOutSplit: string;
  tokenizer?: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  system?: string;
  name: string;
  llamafactoryFormat: LlamaFactoryFormat;
  sourceLicences?: string;
  synthConfig?: string;
  trainConfig: TrainConfigName[];
  gpus: number;
  perDeviceBatch: number;
  model?: string;
  template?: string;
  adapterDir?: string;
  evalSets?: string;
  endpoint?: string;
  endpointModel?: string;
}

export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description(
      "export instructions for training: LlamaFactory, OpenAI chat JSONL, Parquet, a Hugging Face dataset",
    )
    .argument("<instructions.jsonl>", "a hum synth output")
    .requiredOption(
      "--to <target>",
      `what to write: ${TARGET_NAMES.join(", ")} (repeatable, or comma-separated)`,
      listOf(TARGET_NAMES),
      [],
    )
    .requiredOption("-o, --out <dir>", "the folder every target writes under")
    .option("--split <spec>", "splits by record and their shares", DEFAULT_SPLIT)
    .option("--seed <n>", "seed of the split", parseSeed, 42)
    .option(
      "--hold-out-source <name>",
      "put every instruction of this source in the hold-out split (repeatable)",
      collect,
      [],
    )
    .option("--hold-out-split <name>", "the split held-out sources go to", "test")
    .addOption(
      new Option(
        "--tokenizer <name>",
        "count tokens with this tokenizer (default: chars/4 estimate)",
      ).choices([...TOKENIZER_NAMES]),
    )
    .option(
      "--max-input-tokens <n>",
      "drop instructions whose input is longer",
      parsePositiveInteger,
      PAPER_MAX_INPUT_TOKENS,
    )
    .option(
      "--max-output-tokens <n>",
      "drop instructions whose output is longer",
      parsePositiveInteger,
      PAPER_MAX_OUTPUT_TOKENS,
    )
    .option("--system <text>", "a system prompt before every instruction")
    .option("--name <name>", "dataset name (LlamaFactory entries <name>_<split>, the card's title)", "hum")
    .addOption(
      new Option("--llamafactory-format <format>", "LlamaFactory data layout")
        .choices([...LLAMAFACTORY_FORMATS])
        .default("alpaca"),
    )
    .option(
      "--source-licences <file.yaml>",
      "{source: licence text} or {source: {licence, hub, origin}} for the card",
    )
    .option("--synth-config <file.yaml>", "the hum synth config, quoted in the dataset card")
    .option(
      "--train-config <name>",
      `write a training/eval config: ${TRAIN_CONFIGS.join(", ")} (repeatable)`,
      listOf(TRAIN_CONFIGS),
      [],
    )
    .option(
      "--gpus <n>",
      "GPUs the LoRA run uses (the global batch of 320 is split over them)",
      parsePositiveInteger,
      1,
    )
    .option("--per-device-batch <n>", "the largest per-device batch the GPUs hold", parsePositiveInteger, 8)
    .option("--model <id>", "base model to fine-tune (default Qwen/Qwen2-7B-Instruct)")
    .option("--template <name>", "LlamaFactory chat template (default qwen)")
    .option("--adapter-dir <dir>", "where LlamaFactory saves the adapter (default saves/hum-lora)")
    .option("--eval-sets <dir>", "hum eval build output, added to the OpenCompass config as custom datasets")
    .option(
      "--endpoint <url>",
      "evaluate a served model (OpenAI-compatible base URL) in the OpenCompass config",
    )
    .option("--endpoint-model <name>", "the served model's name (default: --model)")
    .action(async (input: string, flags: ExportFlags) => {
      const { exportInstructions } = await import("./export-action.ts");
      await exportInstructions(input, flags);
    });
}

/** A repeatable option that also takes comma-separated values from a fixed list. */
function listOf<T extends string>(allowed: readonly T[]) {
  return (value: string, previous: T[]): T[] => {
    const values = value.split(",").map((v) => v.trim());
    for (const v of values)
      if (!allowed.includes(v as T))
        throw new InvalidArgumentError(`"${v}" is not one of ${allowed.join(", ")}`);
    return [...previous, ...(values as T[])];
  };
}
