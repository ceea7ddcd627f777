import { SeenKeys } from "../util/index.ts";

/**
 * The record ids of a run as its label pass reads them, to spare synthesis from keeping every id: a
 * 64-bit hash of each (about 11 bytes, dropped with the census after the pass), and the exact keys of
 * the few whose hash came back (an id used twice, or two ids sharing a hash). Synthesis then keeps the
 * first use of those ids alone; an id whose hash the pass saw once cannot be a repeat. The census is
 * `complete` only when the pass read every input's records in this run: an input whose labels came
 * from a schema file or the label cache leaves synthesis to keep every id, as without a census.
 */
export class IdCensus {
  readonly #seen = new SeenKeys(8 << 20);
  readonly #repeated = new Set<string>();
  #complete = true;

  /** Count one id key (`idKey`); false when its hash was counted before. */
  add(key: string): boolean {
    if (this.#seen.add(key)) return true;
    this.#repeated.add(key);
    return false;
  }

  /** An input's records were not read by this pass. */
  missed(): void {
    this.#complete = false;
  }

  /** The id keys synthesis must keep, or undefined: keep every id. */
  toTrack(): ReadonlySet<string> | undefined {
    return this.#complete ? this.#repeated : undefined;
  }
}
