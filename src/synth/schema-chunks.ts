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

/** Labels in code-point order, or shuffled by the record's generator; never in hash order. */
export function orderLabels(labels: readonly string[], order: SchemaOrder, random: SeededRandom): string[] {
  if (order === "shuffled") return random.shuffle(labels);
  return labels.slice().sort(compareCodePoints);
}
