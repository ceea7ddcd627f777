// Synthesis: canonical records in, basic and compound instructions out (the `synth` stage).
export { type PlannedInstruction, planInstructions, renderBasic } from "./basic.ts";
export { basicOnlyMix, isBasicOnly } from "./basic-only.ts";
export { compoundOptionsFrom, prepareCompound } from "./compound-config.ts";
export { renderCompoundWithin } from "./compound-instruction.ts";
export {
  DEFAULT_GUIDELINES,
  type GuidelineOptions,
  PAPER_COMPOUND_RATIO,
  PAPER_STRATEGY_SHARES,
  PAPER_TASK_SHARES,
} from "./compound-options.ts";
export { loadSynthConfig } from "./config.ts";
export { type ExamplePool, examplePoolOf } from "./example-pool.ts";
export { isEmptyGuidance, planGuidance } from "./guidelines.ts";
export type { CompoundStrategy, InstructionRecord } from "./instruction-record.ts";
export { formatMix, type MixReport } from "./mixing.ts";
export { synthesize } from "./pipeline.ts";
export type { HardNegatives } from "./schema-chunks.ts";
export { parseShard, type Shard } from "./shard.ts";
export { formatSummary, type SynthSummary } from "./synth-summary.ts";
export { type SynthesizeCorpusOptions, synthesizeCorpus } from "./synthesize-corpus.ts";
