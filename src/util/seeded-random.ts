import { hash } from "node:crypto";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/**
 * Every random choice in Hum draws from a generator seeded by the keys of what it decides
 * (run seed, source, record id, purpose), so output bytes never depend on order of work.
 */
export class SeededRandom {
  readonly #generator: RandomGenerator;

  constructor(...keys: Array<string | number>) {
    this.#generator = xoroshiro128plus(hashToInt32(keys));
  }

  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number {
    return uniformInt(this.#generator, from, to);
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return (this.#generator.next() >>> 0) / 0x1_0000_0000;
  }

  chance(probability: number): boolean {
    if (probability <= 0) return false;
    if (probability >= 1) return true;
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[this.int(0, items.length - 1)];
  }

  /** A new array in seeded order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const result = items.slice();
    for (let i = result.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [result[i], result[j]] = [result[j], result[i]];
    }
    return result;
  }

  /** `count` distinct items, in seeded order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = items.slice();
    const size = Math.min(count, pool.length);
    for (let i = 0; i < size; i++) {
      const j = this.int(i, pool.length - 1);
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool.slice(0, size);
  }

  /** Number of successes in `trials` independent draws of probability `probability`. */
  binomial(trials: number, probability: number): number {
    if (probability >= 1) return trials;
    let successes = 0;
    for (let i = 0; i < trials; i++) if (this.chance(probability)) successes++;
    return successes;
  }
}

/** A stable hex id from keys: the same keys always give the same id. */
export function stableId(...keys: Array<string | number>): string {
  return hashKeys(keys).toString("hex", 0, 8);
}

function hashToInt32(keys: Array<string | number>): number {
  return hashKeys(keys).readInt32LE(0);
}

function hashKeys(keys: Array<string | number>): Buffer {
  return hash("sha256", keys.join("\u0000"), "buffer");
}
