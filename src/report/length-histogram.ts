/** A length distribution in fixed bins, so memory does not grow with the corpus. */
export interface Histogram {
  /** Lower edges of the bins; the last bin has no upper edge. */
  edges: number[];
  counts: number[];
  count: number;
  mean: number;
  max: number;
}

/** Bin edges that suit lengths from a word to a long document, in characters or tokens. */
const EDGES = [0, 25, 50, 100, 150, 200, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000];

export class LengthHistogram {
  readonly #counts = new Array<number>(EDGES.length).fill(0);
  #count = 0;
  #sum = 0;
  #max = 0;

  add(length: number): void {
    let bin = EDGES.length - 1;
    while (EDGES[bin] > length) bin--;
    this.#counts[bin]++;
    this.#count++;
    this.#sum += length;
    if (length > this.#max) this.#max = length;
  }

  /** The bins from the first to the last one holding anything. */
  result(): Histogram {
    const first = this.#counts.findIndex((n) => n > 0);
    const last = this.#counts.findLastIndex((n) => n > 0);
    const slice = first < 0 ? [0, 0] : [first, last + 1];
    return {
      edges: EDGES.slice(...slice),
      counts: this.#counts.slice(...slice),
      count: this.#count,
      mean: this.#count > 0 ? Math.round((this.#sum / this.#count) * 10) / 10 : 0,
      max: this.#max,
    };
  }
}
