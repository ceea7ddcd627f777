import type { SeededRandom } from "../util/index.ts";
import { compareCodePoints } from "../util/index.ts";

/** `{label: [confusable labels]}`: asked first when a record's negatives are drawn. */
export type HardNegatives = Readonly<Record<string, readonly string[]>>;

export interface NegativeOptions {
  universe: readonly string[];
  positives: readonly string[];
  /** `p`: each label of the source is a negative draw with this probability (1 = ask every absent label). */
  ratio: number;
  random: SeededRandom;
  hardNegatives?: HardNegatives;
}

/**
 * The absent labels a record is asked about, as IEPile draws them: Binomial(|universe|, p) of them, at
 * least one when the record has no positive, at most every absent label; hard negatives first, the
 * rest uniformly.
 */
export function drawNegatives({
  universe,
  positives,
  ratio,
  random,
  hardNegatives,
}: NegativeOptions): string[] {
  const present = new Set(positives);
  const absent = universe.filter((label) => !present.has(label));
  let count = random.binomial(universe.length, ratio);
  if (positives.length === 0) count = Math.max(count, 1);
  count = Math.min(count, absent.length);
  if (count === absent.length) return absent;

  const chosen: string[] = [];
  for (const positive of positives)
    for (const label of hardNegatives?.[positive] ?? [])
      if (chosen.length < count && absent.includes(label) && !chosen.includes(label)) chosen.push(label);
  const rest = absent.filter((label) => !chosen.includes(label));
  return [...chosen, ...random.sample(rest, count - chosen.length)];
}

/**
 * IEPile's schema split: full chunks of `size` first; a remainder of at least max(1, ⌊size/2⌋) labels
 * is a chunk of its own, a smaller one joins the last chunk. Fewer labels than `size`: one chunk.
 */
export function splitIntoChunks<T>(labels: readonly T[], size: number): T[][] {
  if (labels.length <= size) return labels.length > 0 ? [labels.slice()] : [];
  const chunks: T[][] = [];
  let start = 0;
  for (; start + size <= labels.length; start += size) chunks.push(labels.slice(start, start + size));
  const remainder = labels.slice(start);
  if (remainder.length >= Math.max(1, Math.floor(size / 2))) chunks.push(remainder);
  else if (remainder.length > 0) chunks[chunks.length - 1].push(...remainder);
  return chunks;
}

export type SchemaOrder = "sorted" | "shuffled";

/**
 * Labels in code-point order, or shuffled by the record's generator; never in hash order. `universe`,
 * the labels they are drawn from, spares the sort when it is itself in code-point order and holds each
 * label once: the labels are then picked out of it in its order.
 */
export function orderLabels(
  labels: readonly string[],
  order: SchemaOrder,
  random: SeededRandom,
  universe?: readonly string[],
): string[] {
  if (order === "shuffled") return random.shuffle(labels);
  return (universe && pickedInOrder(labels, universe)) ?? labels.slice().sort(compareCodePoints);
}

/** `labels` in the order of a sorted universe; undefined when one is outside it, twice in it, or it is not sorted. */
function pickedInOrder(labels: readonly string[], universe: readonly string[]): string[] | undefined {
  const rank = sortedRanks(universe);
  if (rank === undefined) return undefined;
  const picked = new Uint8Array(universe.length);
  for (const label of labels) {
    const at = rank.get(label);
    if (at === undefined || picked[at] === 1) return undefined;
    picked[at] = 1;
  }
  const ordered: string[] = [];
  for (let i = 0; i < universe.length; i++) if (picked[i] === 1) ordered.push(universe[i]);
  return ordered;
}

/** Each label's place in a universe in strict code-point order (null when it is not), found once per universe. */
function sortedRanks(universe: readonly string[]): Map<string, number> | undefined {
  let rank = ranks.get(universe);
  if (rank === undefined) {
    const sorted = universe.every((label, i) => i === 0 || compareCodePoints(universe[i - 1], label) < 0);
    rank = sorted ? new Map(universe.map((label, i) => [label, i])) : null;
    ranks.set(universe, rank);
  }
  return rank ?? undefined;
}

const ranks = new WeakMap<readonly string[], Map<string, number> | null>();
