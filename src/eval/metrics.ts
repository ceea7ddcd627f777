import { pythonRound2 } from "./python-round.ts";
import type { MatchCounts } from "./tuple-matching.ts";

export interface PrfFigures {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Micro P/R/F1 in percent, 2 decimals. `iepile` reproduces IEPile's arithmetic exactly: P and R rounded
 * first (`round(a / b * 100, 2)`), F1 from the rounded values (`round(2PR / (P + R), 2)`); the default
 * computes F1 from the unrounded P and R and rounds each figure once.
 */
export function prf(counts: MatchCounts, iepile: boolean): PrfFigures {
  const precision = ratio(counts.correct, counts.predicted);
  const recall = ratio(counts.correct, counts.gold);
  if (iepile) {
    const p = pythonRound2(precision);
    const r = pythonRound2(recall);
    return { precision: p, recall: r, f1: p + r === 0 ? 0 : pythonRound2((2 * p * r) / (p + r)) };
  }
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: pythonRound2(precision), recall: pythonRound2(recall), f1: pythonRound2(f1) };
}

/** Accuracy in percent, 2 decimals. */
export function accuracy(correct: number, total: number): number {
  return pythonRound2(ratio(correct, total));
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : (numerator / denominator) * 100;
}
