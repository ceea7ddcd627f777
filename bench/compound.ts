import type { CanonicalRecord, LabelSet } from "../src/records/index.ts";
import { planInstructions, renderBasic } from "../src/synth/basic.ts";
import { createCompoundSynthesis } from "../src/synth/compound.ts";
import { defaultCompoundOptions } from "../src/synth/config.ts";
import { examplePoolOf } from "../src/synth/example-pool.ts";
import type { MixReport } from "../src/synth/mixing.ts";
import { generateCorpus, generatedDictionary } from "../test/support/generated-records.ts";

export interface CompoundBenchResult {
  records: number;
  instructions: number;
  compound: number;
  seconds: number;
  instructionsPerSecond: number;
  mix: MixReport;
}

/**
 * Time compound synthesis in memory (no I/O): plan every record's instructions, then mix, apply
 * guidelines (from a dictionary mined from the same records, with written descriptions, and the example
 * pool that `hum synth` mines), rules and format variants at the paper's shares (or at `ratio`).
 * `"basic"` times the baseline: the same plans rendered basic with no compound step at all, as a
 * basic-only run does. Records without a label set in `labels` are skipped.
 */
export async function benchCompound(
  records: readonly CanonicalRecord[],
  labels: ReadonlyMap<string, LabelSet>,
  seed = 42,
  ratio?: number | "basic",
): Promise<CompoundBenchResult> {
  const options = defaultCompoundOptions(seed);
  if (typeof ratio === "number") options.ratio = ratio;
  options.dictionary = generatedDictionary(records, seed);
  // As `hum synth` does before its first instruction (mined here outside the timed part).
  options.pool = examplePoolOf(records, seed);
  const synthesis = createCompoundSynthesis(options);
  const compound =
    ratio === "basic"
      ? {
          expand: (plans: ReturnType<typeof planInstructions>) => plans.map((p) => renderBasic(p, seed)),
          report: synthesis.report,
        }
      : synthesis;
  const basic = { seed, negativeRatio: 1, schemaOrder: "sorted" as const };
  let instructions = 0;
  let compoundCount = 0;
  const started = performance.now();
  for (const [index, record] of records.entries()) {
    const labelSet = labels.get(record.source);
    if (!labelSet) continue;
    for (const written of compound.expand(
      planInstructions(record, record.id ?? String(index), labelSet, basic),
    )) {
      instructions++;
      if (written.kind === "compound") compoundCount++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    records: records.length,
    instructions,
    compound: compoundCount,
    seconds,
    instructionsPerSecond: seconds > 0 ? instructions / seconds : 0,
    mix: compound.report(),
  };
}

/** Generated records for `benchCompound` when a caller has none: `count` records over every kind. */
export function benchCompoundInput(count: number, seed = 42) {
  return generateCorpus(count, seed);
}
