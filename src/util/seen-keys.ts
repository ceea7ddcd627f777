import { hash64 } from "./key-hash.ts";

/**
 * A compact set of keys seen (records already scored, record ids already read). It stores a 64-bit
 * hash per key in flat open-addressed tables filled to three quarters: about 11 bytes per key, instead
 * of the keys themselves. A table grows by doubling up to `maxTableBytes` (default 1 MB); then it is
 * kept as it is and a new one takes the next keys, so memory grows by such pieces, never by a copy of
 * everything seen (a key is looked up in every piece: larger pieces, fewer lookups). Two keys sharing
 * a hash (about 1 in 10^7 at a million keys) would report a false repeat.
 */
export class SeenKeys {
  /** Tables that reached their size and are only read. */
  readonly #full: Uint32Array[] = [];
  #table: Uint32Array = new Uint32Array(2 * 1024);
  #size = 0;
  readonly #maxSlots: number;

  constructor(maxTableBytes = 1 << 20) {
    this.#maxSlots = Math.max(1024, maxTableBytes / 8);
  }

  /** Add `key`; false when it was there already. */
  add(key: string): boolean {
    const [high, low] = hash64(key);
    // A zero pair marks an empty slot, so no stored hash may be zero.
    const h = high || 1;
    for (const table of this.#full) if (has(table, h, low)) return false;
    if (has(this.#table, h, low)) return false;
    if ((this.#size + 1) * 4 > slotsOf(this.#table) * 3) {
      if (slotsOf(this.#table) < this.#maxSlots) this.#table = grown(this.#table);
      else {
        this.#full.push(this.#table);
        this.#table = new Uint32Array(this.#maxSlots * 2);
        this.#size = 0;
      }
    }
    put(this.#table, h, low);
    this.#size++;
    return true;
  }
}

function slotsOf(table: Uint32Array): number {
  return table.length / 2;
}

function has(table: Uint32Array, h: number, low: number): boolean {
  const slots = slotsOf(table);
  for (let slot = ((low ^ h) >>> 0) % slots; ; slot = (slot + 1) % slots) {
    const at = slot * 2;
    if (table[at] === 0 && table[at + 1] === 0) return false;
    if (table[at] === h && table[at + 1] === low) return true;
  }
}

/** Store a hash known to be absent. */
function put(table: Uint32Array, h: number, low: number): void {
  const slots = slotsOf(table);
  for (let slot = ((low ^ h) >>> 0) % slots; ; slot = (slot + 1) % slots) {
    const at = slot * 2;
    if (table[at] === 0 && table[at + 1] === 0) {
      table[at] = h;
      table[at + 1] = low;
      return;
    }
  }
}

function grown(old: Uint32Array): Uint32Array {
  const table = new Uint32Array(old.length * 2);
  for (let at = 0; at < old.length; at += 2) if (old[at] !== 0) put(table, old[at], old[at + 1]);
  return table;
}
