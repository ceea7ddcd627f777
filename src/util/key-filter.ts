import { hash64 } from "./key-hash.ts";

/** Bits a stage keeps per key it is sized for: when full, about 1 new key in 500 looks seen. */
const BITS_PER_KEY = 16;
/** Bits set per key, all in one 512-bit block (a cache line): one memory miss per stage looked in. */
const BITS_SET = 8;
const BLOCK_WORDS = 16;

/**
 * A Bloom filter of keys: about 2 bytes per key, whatever the keys' length. `add` says whether a key
 * may have been added before: a key added before always is; a new key is too, rarely (its bits all set
 * by others). A caller keeps such candidates exactly, so false ones cost only their keys. Sized for the
 * keys expected; past them it adds a stage twice as large (a key is looked up in every stage), so a low
 * guess costs lookups and a little memory, never correctness. Deterministic: no seeds.
 */
export class KeyFilter {
  /** Earlier stages, full, then the one that takes new keys. */
  readonly #stages: Uint32Array<ArrayBuffer>[] = [];
  #capacity: number;
  #count = 0;

  constructor(expectedKeys: number) {
    this.#capacity = Math.max(1024, Math.ceil(expectedKeys));
    this.#stages.push(stageFor(this.#capacity));
  }

  /** Add `key`; false when every one of its bits was set already (seen before, or a false positive). */
  add(key: string): boolean {
    const [block, bits] = hash64(key);
    for (const stage of this.#stages) if (holds(stage, block, bits)) return false;
    if (this.#count >= this.#capacity) {
      this.#capacity *= 2;
      this.#stages.push(stageFor(this.#capacity));
      this.#count = 0;
    }
    set(this.#stages[this.#stages.length - 1], block, bits);
    this.#count++;
    return true;
  }

  /**
   * Give the filter's memory back now, not at the garbage collection that would find it unused: that
   * one may come after the next stage of the run has grown the heap. The filter takes no key after.
   */
  release(): void {
    for (const stage of this.#stages.splice(0)) stage.buffer.transfer(0);
  }

  /** Bytes the filter holds. */
  get bytes(): number {
    let bytes = 0;
    for (const stage of this.#stages) bytes += stage.byteLength;
    return bytes;
  }
}

function stageFor(capacity: number): Uint32Array<ArrayBuffer> {
  return new Uint32Array(Math.ceil((capacity * BITS_PER_KEY) / 512) * BLOCK_WORDS);
}

function holds(stage: Uint32Array, block: number, bits: number): boolean {
  const base = (block % (stage.length / BLOCK_WORDS)) * BLOCK_WORDS;
  for (let i = 0, h = bits; i < BITS_SET; i++) {
    h = nextBits(h);
    const at = h >>> 23;
    if ((stage[base + (at >>> 5)] & (1 << (at & 31))) === 0) return false;
  }
  return true;
}

function set(stage: Uint32Array, block: number, bits: number): void {
  const base = (block % (stage.length / BLOCK_WORDS)) * BLOCK_WORDS;
  for (let i = 0, h = bits; i < BITS_SET; i++) {
    h = nextBits(h);
    const at = h >>> 23;
    stage[base + (at >>> 5)] |= 1 << (at & 31);
  }
}

/** The next of a key's bit positions (a multiply-xorshift step; its top 9 bits pick a bit of the block). */
function nextBits(h: number): number {
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}
