// Synthesis: canonical records in, basic and compound instructions out (the `synth` stage).
export { type PlannedInstruction, planInstructions, renderBasic } from "./basic.ts";
export { basicOnlyMix, isBasicOnly } from "./basic-only.ts";
export { prepareCompound } from "./compound.ts";
export { renderCompoundWithin } from "./compound-instruction.ts";
export {
  basicOptionsFrom,
  type CompoundOptions,
  compoundOptionsFrom,
  DEFAULT_GUIDELINES,
  type GuidelineOptions,
  type LoadedConfig,
  loadSynthConfig,
  mergeSettings,
  PAPER_COMPOUND_RATIO,
  PAPER_STRATEGY_SHARES,
  PAPER_TASK_SHARES,
  type SynthFlags,
  settingsFromFlags,
} from "./config.ts";
export { type ExamplePool, examplePoolOf } from "./example-pool.ts";
export { isEmptyGuidance, planGuidance } from "./guidelines.ts";
export type { CompoundStrategy, InstructionRecord } from "./instruction-record.ts";
export { formatMix, type MixReport } from "./mixing.ts";
export { synthesize } from "./pipeline.ts";
export type { HardNegatives } from "./schema-chunks.ts";
export { parseShard, type Shard } from "./shard.ts";
export { formatSummary, type SynthSummary } from "./synth-summary.ts";
export { type SynthesizeCorpusOptions, synthesizeCorpus } from "./synthesize-corpus.ts";
