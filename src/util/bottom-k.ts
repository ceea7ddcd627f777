/**
 * A bounded, order-independent sample: keeps the `size` items with the smallest keys. With keys that
 * are hashes of (seed, item), the sample is a seeded uniform choice that does not depend on the order
 * items arrive in, and memory stays at `size` items however long the stream is. An item whose key is
 * already held is merged with the held one by `merge` (which must not depend on which came first), so
 * duplicates collapse into one entry whatever their order.
 */
export class BottomK<T> {
  readonly #size: number;
  readonly #entries: Array<{ key: string; item: T }> = [];

  readonly #merge: (held: T, incoming: T) => T;

  constructor(size: number, merge: (held: T, incoming: T) => T = smallerJson) {
    this.#size = size;
    this.#merge = merge;
  }

  offer(key: string, item: T): void {
    const entries = this.#entries;
    if (entries.length >= this.#size && key > entries[entries.length - 1].key) return;
    let index = entries.length;
    while (index > 0 && entries[index - 1].key > key) index--;
    if (index > 0 && entries[index - 1].key === key) {
      entries[index - 1].item = this.#merge(entries[index - 1].item, item);
      return;
    }
    entries.splice(index, 0, { key, item });
    if (entries.length > this.#size) entries.pop();
  }

  /** The kept items, smallest key first. */
  items(): T[] {
    return this.#entries.map((entry) => entry.item);
  }

  /**
   * The kept items with their keys, smallest key first. Offered to another sample, they leave it as if
   * it had been offered everything this one was: samples of parts of a stream merge into the sample of
   * the whole.
   */
  entries(): Array<[key: string, item: T]> {
    return this.#entries.map(({ key, item }) => [key, item]);
  }
}

/** The default merge: keep the item whose JSON is smaller in code-point order (order-independent). */
function smallerJson<T>(held: T, incoming: T): T {
  return JSON.stringify(incoming) < JSON.stringify(held) ? incoming : held;
}
