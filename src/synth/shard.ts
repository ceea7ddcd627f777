/**
 * `--shard i/N`: part i of N of the input items (every record line or entry, accepted or rejected, in
 * input order), as a contiguous block, so that parts 1..N written one after the other are the single
 * run's order. Every process still reads the whole input for the label universe, so each record's basic
 * instructions are byte-identical to a single run's; see docs/performance.md for what differs.
 */
export interface Shard {
  /** 1-based part number. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!(count >= 1 && index >= 1 && index <= count))
    throw new Error(`--shard must be i/N with 1 <= i <= N (like 2/8), not "${text}"`);
  return { index, count };
}

/** The half-open range [start, end) of item numbers (0-based, over all inputs) in a shard. */
export function shardRange(total: number, shard: Shard): [number, number] {
  const bound = (part: number) => Math.floor((total * part) / shard.count);
  return [bound(shard.index - 1), bound(shard.index)];
}
