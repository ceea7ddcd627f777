import { basename, join, resolve } from "node:path";
import { evalSetFiles, readEvalRecords } from "../eval/index.ts";
import { AtomicOutput, writeFileAtomic } from "../io/index.ts";
import type { ExportSummary } from "./export-summary.ts";
import { llamaFactoryConfig } from "./llamafactory-config.ts";
import { llamaFactoryDatasetName } from "./llamafactory-target.ts";
import { type CustomEvalSet, openCompassConfig } from "./opencompass-config.ts";

export const TRAIN_CONFIGS = ["llamafactory", "opencompass"] as const;
export type TrainConfigName = (typeof TRAIN_CONFIGS)[number];

export interface HandoffOptions {
  configs: TrainConfigName[];
  /** The export's output folder; configs go to `<out>/train/`. */
  out: string;
  name: string;
  model?: string;
  template?: string;
  gpus?: number;
  maxPerDeviceBatch?: number;
  /** Where LlamaFactory writes the adapter, and where OpenCompass finds it. */
  adapterDir?: string;
  /** `hum eval build` output, converted into OpenCompass custom datasets. */
  evalSets?: string;
  endpoint?: { baseUrl: string; model: string };
  trainSplit: string;
  evalSplit?: string;
}

export const DEFAULT_MODEL = "Qwen/Qwen2-7B-Instruct";
export const DEFAULT_ADAPTER_DIR = "saves/hum-lora";

/** Write the training and evaluation configs pointing at the finished export; returns their paths. */
export async function writeTrainingHandoff(
  options: HandoffOptions,
  summary: ExportSummary,
): Promise<string[]> {
  const dir = join(options.out, "train");
  const written: string[] = [];
  const budget = summary.length_filter.max_input_tokens + summary.length_filter.max_output_tokens;
  if (options.configs.includes("llamafactory")) {
    if (!summary.split_order.includes(options.trainSplit))
      throw new Error(`no instruction went to the "${options.trainSplit}" split: nothing to train on`);
    const path = join(dir, "llamafactory_lora_sft.yaml");
    writeFileAtomic(
      path,
      llamaFactoryConfig({
        // LlamaFactory resolves dataset_dir from its own working directory: give it the absolute folder.
        datasetDir: resolve(options.out, "llamafactory"),
        trainDataset: llamaFactoryDatasetName(options.name, options.trainSplit),
        evalDataset:
          options.evalSplit && summary.split_order.includes(options.evalSplit)
            ? llamaFactoryDatasetName(options.name, options.evalSplit)
            : undefined,
        model: options.model ?? DEFAULT_MODEL,
        template: options.template,
        cutoffLength: budget,
        gpus: options.gpus,
        maxPerDeviceBatch: options.maxPerDeviceBatch,
        outputDir: options.adapterDir ?? DEFAULT_ADAPTER_DIR,
      }),
    );
    written.push(path);
  }
  if (options.configs.includes("opencompass")) {
    const customSets = options.evalSets
      ? await writeCustomSets(options.evalSets, join(dir, "opencompass"))
      : [];
    const path = join(dir, "opencompass_hum.py");
    writeFileAtomic(
      path,
      openCompassConfig({
        model: options.model ?? DEFAULT_MODEL,
        adapter: options.adapterDir ?? DEFAULT_ADAPTER_DIR,
        endpoint: options.endpoint,
        customSets,
        maxOutputTokens: summary.length_filter.max_output_tokens,
      }),
    );
    written.push(...customSets.map((set) => set.path), path);
  }
  return written;
}

/** Each eval set (`crossner.B.jsonl`, …) as OpenCompass's `{question, answer}` JSONL. */
async function writeCustomSets(evalSets: string, dir: string): Promise<CustomEvalSet[]> {
  const files = evalSetFiles(evalSets);
  if (files.length === 0)
    throw new Error(`${evalSets}: no eval sets (<dataset>.<B|C>.jsonl) in it; run hum eval build`);
  const sets: CustomEvalSet[] = [];
  for (const file of files) {
    const stem = basename(file, ".jsonl");
    const out = new AtomicOutput(join(dir, `hum_${stem.replace(".", "_")}.jsonl`));
    for await (const record of readEvalRecords(file))
      out.write(`${JSON.stringify({ question: record.instruction, answer: record.reference_output })}\n`);
    out.commit();
    sets.push({ abbr: `hum-${stem.replace(".", "-")}`, path: resolve(out.path) });
  }
  return sets;
}
