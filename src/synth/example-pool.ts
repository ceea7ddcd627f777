import { labelsOf } from "../dictionary/index.ts";
import type { CanonicalRecord } from "../records/index.ts";
import { BottomK, stableId } from "../util/index.ts";

/**
 * Fully annotated records to show as examples, per source: an example answered for the whole chunk of
 * an instruction is right only if its record was annotated for every label of that chunk, which a
 * corpus record is (a dictionary example holds the annotation of its own label only).
 */
export interface ExamplePool {
  /** Records carrying the label. */
  positives(source: string, label: string): readonly CanonicalRecord[];
  /** Records carrying other labels of the source, or none. */
  negatives(source: string): readonly CanonicalRecord[];
  /** Records of sources without labels (MRC, OpenIE) and every record of a classification source. */
  records(source: string): readonly CanonicalRecord[];
  /** Mined values of a label (entity spans, triggers, entity names), for "typical values". */
  values(source: string, label: string): readonly string[];
  /** The pool as data, when it has that form: another thread makes the same pool of it (`examplePoolFrom`). */
  snapshot?(): PoolSnapshot;
}

/** A mined pool as data, per source: what each of `ExamplePool`'s questions answers. */
export type PoolSnapshot = Map<
  string,
  {
    positives: Map<string, readonly CanonicalRecord[]>;
    negatives: readonly CanonicalRecord[];
    records: readonly CanonicalRecord[];
    values: Map<string, readonly string[]>;
  }
>;

const NONE: readonly never[] = [];

/** The pool a snapshot holds (on another thread: the same records, in the same order). */
export function examplePoolFrom(snapshot: PoolSnapshot): ExamplePool {
  return {
    positives: (source, label) => snapshot.get(source)?.positives.get(label) ?? NONE,
    negatives: (source) => snapshot.get(source)?.negatives ?? NONE,
    records: (source) => snapshot.get(source)?.records ?? NONE,
    values: (source, label) => snapshot.get(source)?.values.get(label) ?? NONE,
    snapshot: () => snapshot,
  };
}

export interface PoolSizes {
  /** Records kept per label (the dictionary keeps 5, as the paper). */
  perLabel: number;
  /** Records kept per source as negatives and as label-less examples. */
  perSource: number;
  /** Values kept per label. */
  values: number;
}

export const DEFAULT_POOL_SIZES: PoolSizes = { perLabel: 5, perSource: 12, values: 5 };

interface SourcePool {
  positives: Map<string, BottomK<CanonicalRecord>>;
  values: Map<string, BottomK<string>>;
  negatives: BottomK<CanonicalRecord>;
  records: BottomK<CanonicalRecord>;
}

/**
 * What a miner kept of the records it saw, with the keys it kept them by, per source: a miner that
 * takes it (`ExamplePoolMiner.take`) holds what it would hold had it seen those records too. So parts
 * of a corpus are mined apart (on other threads) and merged, in any order, into the pool of the whole.
 */
export type MinedSamples = Map<
  string,
  {
    positives: Map<string, Array<[string, CanonicalRecord]>>;
    values: Map<string, Array<[string, string]>>;
    negatives: Array<[string, CanonicalRecord]>;
    records: Array<[string, CanonicalRecord]>;
  }
>;

/**
 * Mines an example pool from a stream of records, as `hum dict mine` mines a dictionary: bottom-k
 * samples keyed by hashes of (seed, source, text), so the pool depends on the corpus and seed, never on
 * record order, and memory holds a bounded number of records per label.
 */
export class ExamplePoolMiner {
  readonly #seed: number;
  readonly #sizes: PoolSizes;
  readonly #sources = new Map<string, SourcePool>();

  constructor(seed: number, sizes: PoolSizes = DEFAULT_POOL_SIZES) {
    this.#seed = seed;
    this.#sizes = sizes;
  }

  add(record: CanonicalRecord): void {
    if (record.kind === "chat") return;
    const pool = this.#pool(record.source);
    const key = stableId(this.#seed, record.source, record.text, "example-pool");
    const labels = labelsOf(record);
    if (record.kind === "qa" || record.kind === "tuples" || record.kind === "classification")
      pool.records.offer(key, record);
    if (record.kind === "qa" || record.kind === "tuples") return;
    if (labels.length === 0 || record.kind !== "classification") pool.negatives.offer(key, record);
    for (const label of labels) {
      this.#positives(pool, label).offer(
        stableId(this.#seed, record.source, label, record.text, "example-pool"),
        record,
      );
      const values = this.#values(pool, label);
      for (const value of valuesOf(record, label))
        values.offer(stableId(this.#seed, record.source, label, value, "value"), value);
    }
  }

  /** What this miner kept, with its keys (see `MinedSamples`). */
  samples(): MinedSamples {
    const samples: MinedSamples = new Map();
    const entries = <T>(byLabel: Map<string, BottomK<T>>) =>
      new Map([...byLabel].map(([label, sample]) => [label, sample.entries()]));
    for (const [source, pool] of this.#sources)
      samples.set(source, {
        positives: entries(pool.positives),
        values: entries(pool.values),
        negatives: pool.negatives.entries(),
        records: pool.records.entries(),
      });
    return samples;
  }

  /** Take in what another miner kept (mined with the same seed and sizes), as if it had seen its records. */
  take(samples: MinedSamples): void {
    for (const [source, mined] of samples) {
      const pool = this.#pool(source);
      for (const [label, entries] of mined.positives) {
        const positives = this.#positives(pool, label);
        for (const [key, record] of entries) positives.offer(key, record);
      }
      for (const [label, entries] of mined.values) {
        const values = this.#values(pool, label);
        for (const [key, value] of entries) values.offer(key, value);
      }
      for (const [key, record] of mined.negatives) pool.negatives.offer(key, record);
      for (const [key, record] of mined.records) pool.records.offer(key, record);
    }
  }

  result(): ExamplePool {
    const snapshot: PoolSnapshot = new Map();
    const items = <T>(samples: Map<string, BottomK<T>>) =>
      new Map([...samples].map(([label, sample]) => [label, sample.items()]));
    for (const [source, pool] of this.#sources)
      snapshot.set(source, {
        positives: items(pool.positives),
        negatives: pool.negatives.items(),
        records: pool.records.items(),
        values: items(pool.values),
      });
    return examplePoolFrom(snapshot);
  }

  #positives(pool: SourcePool, label: string): BottomK<CanonicalRecord> {
    let positives = pool.positives.get(label);
    if (!positives) pool.positives.set(label, (positives = new BottomK(this.#sizes.perLabel)));
    return positives;
  }

  #values(pool: SourcePool, label: string): BottomK<string> {
    let values = pool.values.get(label);
    if (!values) pool.values.set(label, (values = new BottomK(this.#sizes.values)));
    return values;
  }

  #pool(source: string): SourcePool {
    let pool = this.#sources.get(source);
    if (!pool)
      this.#sources.set(
        source,
        (pool = {
          positives: new Map(),
          values: new Map(),
          negatives: new BottomK(this.#sizes.perSource),
          records: new BottomK(this.#sizes.perSource),
        }),
      );
    return pool;
  }
}

/** An example pool from fixed records (tests, eval's held-out records). */
export function examplePoolOf(
  records: Iterable<CanonicalRecord>,
  seed: number,
  sizes?: PoolSizes,
): ExamplePool {
  const miner = new ExamplePoolMiner(seed, sizes);
  for (const record of records) miner.add(record);
  return miner.result();
}

function valuesOf(record: CanonicalRecord, label: string): string[] {
  switch (record.kind) {
    case "entities":
      return record.entities.filter((e) => e.type === label).map((e) => e.text);
    case "events":
      return record.events.filter((e) => e.type === label).map((e) => e.trigger);
    case "graph":
      return record.entities.filter((e) => e.type === label).map((e) => e.name);
    default:
      return [];
  }
}
