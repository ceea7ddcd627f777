/**
 * A compact set of the keys of records already scored, to tell a record whose lines come back after
 * other records (the scorer pools a record's adjacent lines and then forgets them). It stores a 64-bit
 * hash per key in a flat open-addressed table, filled to at most three quarters and grown by half:
 * 11 to 16 bytes per record, instead of the records' tuples. Two keys sharing a hash (about 1 in 10^7 at a million records) would report a false repeat.
 */
export class SeenKeys {
  #table = new Uint32Array(2 * 1024);
  #size = 0;

  /** Add `key`; false when it was there already. */
  add(key: string): boolean {
    if ((this.#size + 1) * 4 > (this.#table.length / 2) * 3) this.#grow();
    const [high, low] = hash64(key);
    return this.#insert(high, low);
  }

  #insert(high: number, low: number): boolean {
    const slots = this.#table.length / 2;
    // A zero pair marks an empty slot, so no stored hash may be zero.
    const h = high || 1;
    for (let slot = ((low ^ h) >>> 0) % slots; ; slot = (slot + 1) % slots) {
      const at = slot * 2;
      if (this.#table[at] === 0 && this.#table[at + 1] === 0) {
        this.#table[at] = h;
        this.#table[at + 1] = low;
        this.#size++;
        return true;
      }
      if (this.#table[at] === h && this.#table[at + 1] === low) return false;
    }
  }

  #grow(): void {
    const old = this.#table;
    // Slots are taken modulo the table's size, so it need not be a power of two.
    this.#table = new Uint32Array(Math.ceil(old.length * 0.75) * 2);
    this.#size = 0;
    for (let at = 0; at < old.length; at += 2) if (old[at] !== 0) this.#insert(old[at], old[at + 1]);
  }
}

/** Two 32-bit hashes of the key's UTF-16 units: FNV-1a, and a multiply-xorshift one with another prime. */
function hash64(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193) >>> 0;
    b = Math.imul(b ^ unit, 0x5bd1e995);
    b = (b ^ (b >>> 15)) >>> 0;
  }
  return [a, b];
}
