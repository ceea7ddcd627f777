// Export: a synthesised corpus as what training and publishing tools read — a LlamaFactory dataset_dir,
// OpenAI fine-tuning JSONL, Parquet, a Hugging Face dataset folder with its card — split by record,
// filtered by a token budget, plus the LoRA and OpenCompass configs of the paper. See docs/export.md.
export { type ChatTurn, chatMessages } from "./chat-messages.ts";
export { datasetCard, sizeCategory } from "./dataset-card.ts";
export {
  DEFAULT_SPLIT,
  type ExportOptions,
  exportCorpus,
  PAPER_MAX_INPUT_TOKENS,
  PAPER_MAX_OUTPUT_TOKENS,
} from "./export-corpus.ts";
export { type ExportSummary, formatExportSummary, type SplitCounts } from "./export-summary.ts";
export { TARGET_NAMES, type TargetName } from "./export-target.ts";
export { batchLayout, llamaFactoryConfig, PAPER_TRAINING, pyYamlFloat } from "./llamafactory-config.ts";
export { LLAMAFACTORY_FORMATS, type LlamaFactoryFormat } from "./llamafactory-target.ts";
export { GENERAL_DATASETS, type GeneralDataset, openCompassConfig } from "./opencompass-config.ts";
export { ROW_GROUP_ROWS } from "./parquet-file.ts";
export { type SourceLicence, sourceLicence } from "./source-licences.ts";
export { assignSplit, parseSplitSpec, type SplitPlan } from "./split-plan.ts";
export { TRAIN_CONFIGS, type TrainConfigName } from "./training-handoff.ts";
