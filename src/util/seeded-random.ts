import { hash } from "node:crypto";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus, xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/**
 * Every random choice in Hum draws from a generator seeded by the keys of what it decides
 * (run seed, source, record id, purpose), so output bytes never depend on order of work.
 */
export class SeededRandom {
  readonly #keys: Array<string | number>;
  // Hashed on the first draw: many generators are made for choices that turn out not to be needed.
  #generator: RandomGenerator | undefined;

  constructor(...keys: Array<string | number>) {
    this.#keys = keys;
  }

  /** A generator drawing on from where another stopped (`state`), on another thread say. */
  static resumed(state: readonly number[]): SeededRandom {
    const random = new SeededRandom();
    random.#generator = xoroshiro128plusFromState(state);
    return random;
  }

  /** Where this generator is: `resumed` goes on from here. */
  state(): readonly number[] {
    return this.#draws.getState();
  }

  get #draws(): RandomGenerator {
    if (this.#generator === undefined) this.#generator = xoroshiro128plus(hashToInt32(this.#keys));
    return this.#generator;
  }

  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number {
    return uniformInt(this.#draws, from, to);
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return (this.#draws.next() >>> 0) / 0x1_0000_0000;
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
  return hashKeys(keys).slice(0, 16);
}

/** The digest's first four bytes as a little-endian signed 32-bit integer. */
function hashToInt32(keys: Array<string | number>): number {
  // The first four bytes read big-endian in one parse, then put in little-endian order.
  const first = Number.parseInt(hashKeys(keys).slice(0, 8), 16);
  return ((first & 0xff) << 24) | ((first & 0xff00) << 8) | ((first >>> 8) & 0xff00) | (first >>> 24);
}

// A hex digest is a string straight from the hash: no Buffer to allocate per draw.
function hashKeys(keys: Array<string | number>): string {
  return hash("sha256", joinedKeys(keys), "hex");
}

/**
 * The keys joined by NUL: the text `keys.join("\u0000")` gives, built by a loop, which costs a basic
 * instruction's id a fifth of what the generic join does. Like `join`, a missing key is empty text.
 */
function joinedKeys(keys: Array<string | number>): string {
  let text = "";
  for (let i = 0; i < keys.length; i++) {
    const key: string | number | null | undefined = keys[i];
    text += i === 0 ? (key ?? "") : `\u0000${key ?? ""}`;
  }
  return text;
}
