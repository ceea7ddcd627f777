/** The paper's training settings (LoRA via LlamaFactory). */
export const PAPER_TRAINING = {
  globalBatch: 320,
  loraRank: 64,
  loraAlpha: 64,
  loraDropout: 0.05,
  learningRate: 5e-5,
  weightDecay: 1e-4,
  warmupRatio: 0.1,
} as const;

export interface LlamaFactoryConfigOptions {
  /** The folder holding dataset_info.json, as LlamaFactory will be given it. */
  datasetDir: string;
  trainDataset: string;
  evalDataset?: string;
  /** Hugging Face model id or path (default: the paper's Qwen2-7B-Instruct). */
  model?: string;
  /** LlamaFactory chat template name. */
  template?: string;
  cutoffLength: number;
  gpus?: number;
  /** The largest per-device batch the GPUs hold (default 8). */
  maxPerDeviceBatch?: number;
  outputDir?: string;
}

export interface BatchLayout {
  perDevice: number;
  accumulation: number;
  gpus: number;
}

/**
 * The paper's global batch of 320 as per-device batch × accumulation steps × GPUs: the largest
 * per-device batch within the limit that divides what each GPU must take.
 */
export function batchLayout(globalBatch: number, gpus: number, maxPerDevice: number): BatchLayout {
  if (!Number.isSafeInteger(gpus) || gpus < 1) throw new Error(`--gpus must be a positive integer`);
  if (globalBatch % gpus !== 0)
    throw new Error(
      `--gpus ${gpus} does not divide the global batch of ${globalBatch}; choose a divisor of ${globalBatch}`,
    );
  const perGpu = globalBatch / gpus;
  let perDevice = Math.min(maxPerDevice, perGpu);
  while (perGpu % perDevice !== 0) perDevice--;
  return { perDevice, accumulation: perGpu / perDevice, gpus };
}

/**
 * A LlamaFactory LoRA SFT YAML with the paper's settings. Floats carry a decimal point (`5.0e-5`):
 * PyYAML, which LlamaFactory reads configs with, takes `5e-5` for a string.
 */
export function llamaFactoryConfig(options: LlamaFactoryConfigOptions): string {
  const batch = batchLayout(PAPER_TRAINING.globalBatch, options.gpus ?? 1, options.maxPerDeviceBatch ?? 8);
  const lines = [
    "# LoRA SFT on a Hum export with the paper's settings; run with: llamafactory-cli train <this file>",
    "### model",
    `model_name_or_path: ${quote(options.model ?? "Qwen/Qwen2-7B-Instruct")}`,
    "trust_remote_code: true",
    "",
    "### method",
    "stage: sft",
    "do_train: true",
    "finetuning_type: lora",
    `lora_rank: ${PAPER_TRAINING.loraRank}`,
    `lora_alpha: ${PAPER_TRAINING.loraAlpha}`,
    `lora_dropout: ${pyYamlFloat(PAPER_TRAINING.loraDropout)}`,
    "lora_target: all",
    "",
    "### dataset",
    `dataset_dir: ${quote(options.datasetDir)}`,
    `dataset: ${quote(options.trainDataset)}`,
    ...(options.evalDataset ? [`eval_dataset: ${quote(options.evalDataset)}`] : []),
    `template: ${quote(options.template ?? "qwen")}`,
    "# input and output budgets together; the export already dropped what exceeds either",
    `cutoff_len: ${options.cutoffLength}`,
    "preprocessing_num_workers: 16",
    "",
    "### output",
    `output_dir: ${quote(options.outputDir ?? "saves/hum-lora")}`,
    "logging_steps: 10",
    "save_steps: 500",
    "plot_loss: true",
    "overwrite_output_dir: true",
    "report_to: none",
    "",
    "### train",
    `# global batch ${PAPER_TRAINING.globalBatch} = ${batch.perDevice} per device × ${batch.accumulation} accumulation steps × ${batch.gpus} GPU${batch.gpus > 1 ? "s" : ""}`,
    `per_device_train_batch_size: ${batch.perDevice}`,
    `gradient_accumulation_steps: ${batch.accumulation}`,
    `learning_rate: ${pyYamlFloat(PAPER_TRAINING.learningRate)}`,
    `weight_decay: ${pyYamlFloat(PAPER_TRAINING.weightDecay)}`,
    "optim: adamw_torch",
    `warmup_ratio: ${pyYamlFloat(PAPER_TRAINING.warmupRatio)}`,
    "# not stated in the paper: LlamaFactory's defaults",
    `num_train_epochs: ${pyYamlFloat(3)}`,
    "lr_scheduler_type: cosine",
    "bf16: true",
    "ddp_timeout: 180000000",
    ...(options.evalDataset
      ? [
          "",
          "### eval",
          `per_device_eval_batch_size: ${batch.perDevice}`,
          "eval_strategy: steps",
          "eval_steps: 500",
        ]
      : []),
    "",
  ];
  return lines.join("\n");
}

/** A float as PyYAML's resolver reads a float: always with a decimal point, exponent when small. */
export function pyYamlFloat(value: number): string {
  if (Number.isInteger(value)) return `${value}.0`;
  if (Math.abs(value) >= 1e-3) return String(value);
  const [mantissa, exponent] = value.toExponential().split("e");
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}e${exponent.startsWith("-") ? exponent : `+${exponent}`}`;
}

/** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
function quote(value: string): string {
  return JSON.stringify(value);
}
