import type { ScoreTuple } from "../tasks/index.ts";

/** How predicted tuples meet gold ones: unique tuples (default) or IEPile's lists with repeats. */
export type Matching = "set" | "multiset";

export interface MatchCounts {
  predicted: number;
  gold: number;
  correct: number;
}

/** Counts of one record (its pooled chunks): IEPile's `count_instance` in either matching mode. */
export function matchTuples(
  gold: readonly string[],
  predicted: readonly string[],
  matching: Matching,
): MatchCounts {
  const goldKeys = matching === "set" ? [...new Set(gold)] : gold;
  const predictedKeys = matching === "set" ? [...new Set(predicted)] : predicted;
  const remaining = new Map<string, number>();
  for (const key of goldKeys) remaining.set(key, (remaining.get(key) ?? 0) + 1);
  let correct = 0;
  for (const key of predictedKeys) {
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      correct++;
      remaining.set(key, left - 1);
    }
  }
  return { predicted: predictedKeys.length, gold: goldKeys.length, correct };
}

/** A tuple as one comparable string; `normalize` folds case and drops whitespace in every element. */
export function tupleKey(tuple: ScoreTuple, normalize: boolean): string {
  return JSON.stringify(normalize ? tuple.map(foldText) : tuple);
}

export function foldText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

export function addCounts(total: MatchCounts, counts: MatchCounts): void {
  total.predicted += counts.predicted;
  total.gold += counts.gold;
  total.correct += counts.correct;
}

export function emptyCounts(): MatchCounts {
  return { predicted: 0, gold: 0, correct: 0 };
}
