import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hash64 } from "./key-hash.ts";

/** A key added again: the positions it was added at first and again. */
export interface Repeat {
  first: number;
  again: number;
}

/** An entry is three words: a key's 64-bit hash (first word never 0: 0 marks an empty slot), its position. */
const WORDS = 3;
const ENTRY_BYTES = WORDS * 4;
/** Entries spilled to disk are grouped by the top byte of their hash: `finish` reads one group at a time. */
const GROUPS = 256;

/**
 * The keys added (records started), each at a position, in memory that does not grow with their number:
 * the latest keys sit in an open-addressed table of 64-bit hashes, where a repeat is found as it is
 * added. When the table is three quarters full its entries are spilled to a temporary file, grouped by
 * hash, and it starts empty; `finish` reads the file back a group (a 256th of the keys, 47 KB at a
 * million) at a time and finds the keys added again after their first use was spilled. Two keys sharing
 * a hash (about 1 in 10^7 at a million keys) would report a false repeat.
 */
export class SeenKeys {
  readonly #table: Uint32Array;
  readonly #capacity: number;
  #size = 0;
  #file: SpillFile | undefined;

  /** `slots`: the table's size, a power of two (12 bytes a slot); the default holds 98,304 keys in 1.5 MB. */
  constructor(slots = 1 << 17) {
    this.#table = new Uint32Array(slots * WORDS);
    this.#capacity = (slots / 4) * 3;
  }

  /**
   * Add `key` at `position` (ascending, below 2^32); false when it repeats a key still in the table.
   * A repeat of a key spilled to disk is told by `finish`.
   */
  add(key: string, position: number): boolean {
    const [high, low] = hash64(key);
    const h = high || 1;
    const at = slotOf(this.#table, h, low);
    if (this.#table[at] !== 0) return false;
    this.#table[at] = h;
    this.#table[at + 1] = low;
    this.#table[at + 2] = position >>> 0;
    if (++this.#size === this.#capacity) this.#spill();
    return true;
  }

  /** The earliest repeat `add` could not tell (its first use was spilled), if any; then as `close`. */
  finish(): Repeat | undefined {
    const file = this.#file;
    if (!file) return undefined;
    this.#spill();
    // One group at a time, into the same two arrays.
    const largest = file.largestGroup();
    const entries = new Uint32Array(largest * WORDS);
    const table = new Uint32Array(slotsFor(largest) * WORDS);
    let earliest: Repeat | undefined;
    for (let group = 0; group < GROUPS; group++) {
      table.fill(0);
      earliest = earlierRepeat(entries, file.readGroup(group, entries), table, earliest);
    }
    this.close();
    return earliest;
  }

  /** Remove the file of spilled keys, if there is one; `finish` does too. */
  close(): void {
    this.#file?.remove();
    this.#file = undefined;
  }

  #spill(): void {
    this.#file ??= new SpillFile(this.#capacity);
    this.#file.append(this.#table);
    this.#table.fill(0);
    this.#size = 0;
  }
}

/** The word where (h, low) is in a table of a power of two slots, or else the empty slot it would take. */
function slotOf(table: Uint32Array, h: number, low: number): number {
  const mask = table.length / WORDS - 1;
  for (let slot = (h ^ low) & mask; ; slot = (slot + 1) & mask) {
    const at = slot * WORDS;
    if (table[at] === 0 || (table[at] === h && table[at + 1] === low)) return at;
  }
}

function groupOf(h: number): number {
  return h >>> 24;
}

/** A table's slots for `count` entries: a power of two, at least twice as many. */
function slotsFor(count: number): number {
  let slots = 1024;
  while (slots < count * 2) slots *= 2;
  return slots;
}

/**
 * A repeat among the first `count` of `entries` whose `again` is before `earliest`'s, else `earliest`.
 * `entries` are one group's of every spill, in the order of the spills (those of one spill repeat none
 * another: `add` told those), put in `table`, empty and of at least `slotsFor(count)` slots.
 */
function earlierRepeat(
  entries: Uint32Array,
  count: number,
  table: Uint32Array,
  earliest: Repeat | undefined,
): Repeat | undefined {
  for (let from = 0; from < count * WORDS; from += WORDS) {
    const at = slotOf(table, entries[from], entries[from + 1]);
    if (table[at] === 0) copyEntry(entries, from, table, at);
    else if (!earliest || entries[from + 2] < earliest.again)
      earliest = { first: table[at + 2], again: entries[from + 2] };
  }
  return earliest;
}

/** Word by word: a `subarray` view per entry would be a million objects of garbage. */
function copyEntry(from: Uint32Array, at: number, to: Uint32Array, into: number): void {
  to[into] = from[at];
  to[into + 1] = from[at + 1];
  to[into + 2] = from[at + 2];
}

/** The entries spilled from a `SeenKeys` table, in a file of its own: each spill's groups in turn. */
class SpillFile {
  readonly #folder = mkdtempSync(join(tmpdir(), "hum-seen-keys-"));
  readonly #fd = openSync(join(this.#folder, "entries"), "w+");
  /** A spill's entries, grouped before they are written. */
  readonly #grouped: Uint32Array;
  /** Per spill: the entry it starts at in the file, and where each group starts in it (the last: its end). */
  readonly #spills: Array<{ at: number; starts: Uint32Array }> = [];
  #entries = 0;

  constructor(capacity: number) {
    this.#grouped = new Uint32Array(capacity * WORDS);
  }

  /** Write the entries of `table` (a counting sort by group), after those of earlier spills. */
  append(table: Uint32Array): void {
    const starts = new Uint32Array(GROUPS + 1);
    for (let at = 0; at < table.length; at += WORDS) if (table[at] !== 0) starts[groupOf(table[at]) + 1]++;
    for (let group = 0; group < GROUPS; group++) starts[group + 1] += starts[group];
    const next = starts.slice(0, GROUPS);
    for (let at = 0; at < table.length; at += WORDS)
      if (table[at] !== 0) copyEntry(table, at, this.#grouped, next[groupOf(table[at])]++ * WORDS);
    const count = starts[GROUPS];
    writeAll(this.#fd, bytesOf(this.#grouped, 0, count), this.#entries * ENTRY_BYTES);
    this.#spills.push({ at: this.#entries, starts });
    this.#entries += count;
  }

  /** The most entries a group holds, over all spills. */
  largestGroup(): number {
    let largest = 0;
    for (let group = 0; group < GROUPS; group++) largest = Math.max(largest, this.#groupSize(group));
    return largest;
  }

  /** Read the entries of `group` from every spill, in their order, into `entries`; their count. */
  readGroup(group: number, entries: Uint32Array): number {
    let count = 0;
    for (const { at, starts } of this.#spills) {
      const size = starts[group + 1] - starts[group];
      readAll(this.#fd, bytesOf(entries, count, size), (at + starts[group]) * ENTRY_BYTES);
      count += size;
    }
    return count;
  }

  #groupSize(group: number): number {
    let size = 0;
    for (const { starts } of this.#spills) size += starts[group + 1] - starts[group];
    return size;
  }

  remove(): void {
    closeSync(this.#fd);
    rmSync(this.#folder, { recursive: true, force: true });
  }
}

/** The bytes of `count` entries from entry `from`. */
function bytesOf(entries: Uint32Array, from: number, count: number): Uint8Array {
  return new Uint8Array(entries.buffer, entries.byteOffset + from * ENTRY_BYTES, count * ENTRY_BYTES);
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length; )
    done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

function readAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length; ) {
    const read = readSync(fd, bytes, done, bytes.length - done, position + done);
    if (read === 0) throw new Error("the file of seen keys ended early");
    done += read;
  }
}
