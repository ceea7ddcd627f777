import type { CompoundOptions } from "./config.ts";
import { Mixer, type MixReport } from "./mixing.ts";

/**
 * A run whose compound ratio is 0 and that does not balance tasks writes every instruction basic: the
 * mixer would decide nothing. Such a run skips compound synthesis altogether (and so can render on
 * worker threads); its mix report is the mixer's for the instructions written, from the counts alone.
 */
export function isBasicOnly(options: CompoundOptions): boolean {
  return options.ratio === 0 && !options.balanceTasks;
}

/** The mix report compound synthesis would give for these per-task instruction counts at ratio 0. */
export function basicOnlyMix(options: CompoundOptions, byTask: Readonly<Record<string, number>>): MixReport {
  const mixer = new Mixer(0, options.strategyShares, options.taskShares, false);
  for (const [task, count] of Object.entries(byTask)) for (let i = 0; i < count; i++) mixer.written(task);
  const report = mixer.report();
  // As compound synthesis reports it: the token budget and the tokenizer that would have counted.
  report.length = { budget: options.tokenBudget, tokenizer: options.countTokens.tokenizer, ...report.length };
  return report;
}
