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

/** Where `countTuples` also adds each tuple to the counts of its label. */
export interface PerLabel {
  labelOf: (tuple: ScoreTuple) => string;
  into: Map<string, MatchCounts>;
}

/**
 * `matchTuples` on the tuples themselves, each keyed once; with `perLabel`, every counted tuple is
 * also counted under its label. A tuple's key fixes its label, so the per-label counts are those of
 * matching each label's tuples apart.
 */
export function countTuples(
  gold: readonly ScoreTuple[],
  predicted: readonly ScoreTuple[],
  matching: Matching,
  normalize: boolean,
  perLabel?: PerLabel,
): MatchCounts {
  if (!normalize && gold.length + predicted.length <= SMALL_RECORD)
    return countFewTuples(gold, predicted, matching, perLabel);
  const counts = emptyCounts();
  const remaining = new Map<string, number>();
  for (const tuple of gold) {
    const key = tupleKey(tuple, normalize);
    const left = remaining.get(key);
    if (left !== undefined && matching === "set") continue;
    remaining.set(key, (left ?? 0) + 1);
    counts.gold++;
    if (perLabel) countsOf(perLabel, tuple).gold++;
  }
  const seen = matching === "set" && predicted.length > 1 ? new Set<string>() : undefined;
  for (const tuple of predicted) {
    const key = tupleKey(tuple, normalize);
    if (seen) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    counts.predicted++;
    const label = perLabel ? countsOf(perLabel, tuple) : undefined;
    if (label) label.predicted++;
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      counts.correct++;
      if (label) label.correct++;
      remaining.set(key, left - 1);
    }
  }
  return counts;
}

/**
 * Up to this many tuples a record is matched pairwise: cheaper than building a key per tuple. At most
 * 24 gold tuples also fit the bits of one number (`countFewTuples`'s matched ones).
 */
const SMALL_RECORD = 24;

/**
 * `countTuples` without keys (and without normalize): tuples compared element by element. Allocates
 * nothing but its counts (and a copy of a list that holds repeats), as it runs once per record.
 */
function countFewTuples(
  gold: readonly ScoreTuple[],
  predicted: readonly ScoreTuple[],
  matching: Matching,
  perLabel?: PerLabel,
): MatchCounts {
  const counts = emptyCounts();
  const goldKept = matching === "set" ? distinct(gold) : gold;
  let matched = 0;
  counts.gold = goldKept.length;
  if (perLabel) for (const tuple of goldKept) countsOf(perLabel, tuple).gold++;
  for (const tuple of matching === "set" ? distinct(predicted) : predicted) {
    counts.predicted++;
    const label = perLabel ? countsOf(perLabel, tuple) : undefined;
    if (label) label.predicted++;
    for (let g = 0; g < goldKept.length; g++)
      if ((matched & (1 << g)) === 0 && sameTuple(goldKept[g], tuple)) {
        matched |= 1 << g;
        counts.correct++;
        if (label) label.correct++;
        break;
      }
  }
  return counts;
}

/** The tuples without repeats, the first of each kept: `tuples` itself when it holds none. */
function distinct(tuples: readonly ScoreTuple[]): readonly ScoreTuple[] {
  let kept: ScoreTuple[] | undefined;
  for (let i = 1; i < tuples.length; i++)
    if (!occursBefore(tuples, i)) kept?.push(tuples[i]);
    else kept ??= tuples.slice(0, i);
  return kept ?? tuples;
}

function occursBefore(tuples: readonly ScoreTuple[], index: number): boolean {
  for (let i = 0; i < index; i++) if (sameTuple(tuples[i], tuples[index])) return true;
  return false;
}

function sameTuple(a: ScoreTuple, b: ScoreTuple): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function countsOf({ labelOf, into }: PerLabel, tuple: ScoreTuple): MatchCounts {
  const label = labelOf(tuple);
  let counts = into.get(label);
  if (!counts) {
    counts = emptyCounts();
    into.set(label, counts);
  }
  return counts;
}

/**
 * A tuple as one comparable string; `normalize` folds case and drops whitespace in every element.
 * The elements are joined by U+0000, with U+0000 and U+0001 inside an element escaped, so two keys
 * are equal exactly when the tuples are.
 */
export function tupleKey(tuple: ScoreTuple, normalize: boolean): string {
  // No element's escape is a lone U+0001, so the empty tuple differs from [""].
  if (tuple.length === 0) return "\u0001";
  let key = "";
  for (let i = 0; i < tuple.length; i++) {
    const element = escapeSeparator(normalize ? foldText(tuple[i]) : tuple[i]);
    key = i === 0 ? element : `${key}\u0000${element}`;
  }
  return key;
}

const SEPARATOR_CHARACTERS = /[\u0000\u0001]/g;

function escapeSeparator(text: string): string {
  if (!text.includes("\u0000") && !text.includes("\u0001")) return text;
  return text.replace(SEPARATOR_CHARACTERS, (c) => (c === "\u0000" ? "\u00010" : "\u00011"));
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
