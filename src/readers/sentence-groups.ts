import type { Location, ReadItem } from "./reader.ts";

/** One line of a pair-per-line format: the sentence it belongs to, and its pair or why it has none. */
export interface PairLine<Pair> {
  /** Identifies the sentence (and its document, where the format has one). */
  key: string;
  location: Location;
  raw: unknown;
  pair: Pair | { problem: string };
}

/** The lines of one sentence, in file order; `location` is the first line's. */
export interface SentenceGroup<Pair> {
  key: string;
  location: Location;
  lines: PairLine<Pair>[];
}

type Rejection = Extract<ReadItem, { ok: false }>;

/**
 * Formats such as ADE's `.rel` files and SciERC's relation lines write one line per annotated pair, so
 * a sentence with three pairs is three lines. Read as three records, each would ask the relation with
 * only one of its pairs as gold and the other two as (false) negatives. The whole file is read and
 * every line of a sentence gathered into one group, consecutive or not, in order of first appearance.
 * Lines that name no sentence at all (unreadable lines) stay where they were, as rejections.
 */
export async function gatherSentences<Pair>(
  lines: AsyncIterable<PairLine<Pair> | Rejection>,
): Promise<(SentenceGroup<Pair> | Rejection)[]> {
  const slots: (SentenceGroup<Pair> | Rejection)[] = [];
  const groups = new Map<string, SentenceGroup<Pair>>();
  for await (const line of lines) {
    if ("ok" in line) {
      slots.push(line);
      continue;
    }
    const known = groups.get(line.key);
    if (known) {
      known.lines.push(line);
      continue;
    }
    const group = { key: line.key, location: line.location, lines: [line] };
    groups.set(line.key, group);
    slots.push(group);
  }
  return slots;
}

/**
 * The pairs of a group, duplicates removed, or the reason the whole sentence is rejected: one pair that
 * cannot be read would otherwise be asked as a negative of its own sentence.
 */
export function groupPairs<Pair>(group: SentenceGroup<Pair>, format: string): Pair[] | string {
  const bad = group.lines.find((line) => "problem" in (line.pair as object));
  if (bad) {
    const problem = (bad.pair as { problem: string }).problem;
    const others = group.lines.filter((line) => line !== bad).map((line) => line.location.line);
    const also =
      others.length === 0
        ? ""
        : ` (the sentence's other lines ${others.join(", ")} are rejected with it, so that no true pair is asked as a negative)`;
    return `${format}: line ${bad.location.line}: ${problem}${also}`;
  }
  const seen = new Set<string>();
  const pairs: Pair[] = [];
  for (const line of group.lines) {
    const key = JSON.stringify(line.pair);
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push(line.pair as Pair);
  }
  return pairs;
}

/** Whether a slot is a group (not a rejection). */
export function isGroup<Pair>(slot: SentenceGroup<Pair> | Rejection): slot is SentenceGroup<Pair> {
  return !("ok" in slot);
}
