// Hum as a library: the public surface. Everything a program needs to read datasets, synthesise a
// corpus, export it for training, talk to a model and score it — and nothing internal.
//
//   import { exportCorpus, synthesizeCorpus } from "hum";
//   await synthesizeCorpus({ inputs: [{ path: "data/ner.jsonl" }], out: "out/instructions.jsonl" });
//   await exportCorpus({ input: "out/instructions.jsonl", out: "out/export", targets: ["llamafactory"] });

// Evaluation: build the Table-1 sets, run them, parse any output format, score.
export {
  buildEvalSets,
  type EvalRecord,
  formatReportTable,
  type PredictionRecord,
  parseOutput,
  runEval,
  type ScoreReport,
  scorePredictions,
} from "./eval/index.ts";
// Export for training and publishing.
export {
  type ExportOptions,
  type ExportSummary,
  exportCorpus,
  formatExportSummary,
  GENERAL_DATASETS,
  llamaFactoryConfig,
  openCompassConfig,
  TARGET_NAMES,
  type TargetName,
} from "./export/index.ts";
// The LLM client: any OpenAI-compatible server, cached, rate-limited, resumable.
export {
  type ChatMessage,
  createLlmClient,
  exportBatchFile,
  importBatchResults,
  type LlmClient,
  type LlmClientOptions,
  type LlmResult,
} from "./llm/index.ts";
export type { DatasetInput, DatasetReader, ReadItem, ReadOptions } from "./readers/index.ts";
// Reading datasets: any supported format as canonical records (with rejects and their reasons).
export { chooseReader, READERS, readDataset } from "./readers/index.ts";
export { CanonicalRecord, RECORD_KINDS, type RecordKind, validateRecord } from "./records/index.ts";
// Synthesis: basic and compound instructions.
export type { CompoundStrategy, InstructionRecord, SynthSummary } from "./synth/index.ts";
export { type SynthesizeCorpusOptions, synthesizeCorpus } from "./synth/index.ts";
export { TASKS, type TaskName } from "./tasks/index.ts";
export { loadTokenCounter, TOKENIZER_NAMES, type TokenCounter } from "./tokenizer/index.ts";
