import { statSync } from "node:fs";
import type { DatasetInput } from "../readers/index.ts";
import { KeyFilter } from "../util/index.ts";

/**
 * Input bytes per record id the census is first sized for. Records of the NER, RE and EE data hum reads
 * run from about 200 to 500 bytes a line; shorter ones only add a stage to the filter.
 */
const BYTES_PER_ID = 256;
/** The census's first stage: at least 64k ids (128 KB), at most 32M (64 MB). */
const MIN_IDS = 1 << 16;
const MAX_IDS = 1 << 25;

/**
 * The record ids of a run as its label pass reads them, to spare synthesis from keeping every id: a
 * Bloom filter of them (util/key-filter.ts, about 2 bytes an id, dropped when the pass ends), and the
 * exact keys of the candidates, ids whose bits were all set already: every id used twice, and a few
 * the filter mistakes for one. Synthesis then keeps the first use of those ids alone; an id the filter
 * had not seen cannot be a repeat, and a candidate that is none is kept and found used once, so the
 * output is the same. The census is `complete` only when the pass read every input's records in this
 * run, or, for a run of one input, when the label cache kept the candidates of an earlier pass over it
 * (`adopt`); an input whose labels came from a schema file, or from the cache in a run of several
 * inputs (ids repeat across inputs), leaves synthesis to keep every id, as without a census.
 */
export class IdCensus {
  #filter: IdFilter | undefined;
  readonly #candidates = new Set<string>();
  #complete = true;

  /** A census counting ids in `filter` (see `censusFor`). */
  constructor(filter: IdFilter) {
    this.#filter = filter;
  }

  /** Count one id key (`idKey`); false when it is a candidate repeat (used before, or taken for one). */
  add(key: string): boolean {
    if (!this.#filter) throw new Error("the id census is closed");
    if (this.#filter.add(key)) return true;
    this.#candidates.add(key);
    return false;
  }

  /** The candidates found so far (for the label cache of a run's only input). */
  candidateKeys(): string[] {
    return [...this.#candidates];
  }

  /** The candidates an earlier pass over this run's only input found: its ids need not be read again. */
  adopt(keys: readonly string[]): void {
    for (const key of keys) this.#candidates.add(key);
  }

  /** An input's records were not read by this pass. */
  missed(): void {
    this.#complete = false;
  }

  /**
   * The id keys synthesis must keep, or undefined: keep every id. The pass is over: the filter's
   * memory is freed here, so synthesis does not carry it (12 MB at five million ids).
   */
  toTrack(): ReadonlySet<string> | undefined {
    this.#filter?.release?.();
    this.#filter = undefined;
    return this.#complete ? this.#candidates : undefined;
  }
}

/**
 * What the census counts ids in: `add` is false for an id added before, and may be for a new one;
 * `release`, when it has one, frees its memory once the pass is over.
 */
export type IdFilter = Pick<KeyFilter, "add"> & Partial<Pick<KeyFilter, "release">>;

/**
 * The filter of a run's census, sized from the inputs' bytes (an input that cannot be read counts none).
 * `filter` replaces it (tests give one that takes many new ids for repeats).
 */
export function censusFor(
  inputs: readonly DatasetInput[],
  filter: (expectedIds: number) => IdFilter = (ids) => new KeyFilter(ids),
): IdCensus {
  let bytes = 0;
  for (const input of inputs) bytes += statSync(input.path, { throwIfNoEntry: false })?.size ?? 0;
  return new IdCensus(filter(Math.min(MAX_IDS, Math.max(MIN_IDS, Math.ceil(bytes / BYTES_PER_ID)))));
}
