import type { CanonicalRecord, LabelSet } from "../records/index.ts";

/** Where an item came from, so a rejection can name the file and the line (or entry). */
export interface Location {
  file: string;
  /** 1-based line of the file, or the 1-based entry number for formats that are not line-based. */
  line: number;
}

/** What a reader yields: a canonical record, or a rejection with its reason and the raw input. */
export type ReadItem =
  | { ok: true; record: CanonicalRecord; location: Location }
  | { ok: false; reason: string; location: Location; raw: unknown };

/** How sure a reader is that a path is in its format. */
export type Detection = "certain" | "likely" | "no";

export interface ReadOptions {
  /** The `source` name to give the records (defaults to one derived from the path). */
  source?: string;
  /** The `lang` to give the records when the format does not say. */
  lang?: "en" | "zh";
}

/** One native dataset format → canonical records. */
export interface DatasetReader {
  /** The `--format` name. */
  readonly name: string;
  readonly description: string;
  /** Look at a path (file or folder) and the first bytes of the file; never read the whole file. */
  detect(path: string, head: string): Detection;
  read(path: string, options: ReadOptions): AsyncIterable<ReadItem>;
  /** The label set a schema file beside the data declares (IEPile's schema.json), for one source. */
  declaredLabels?(
    path: string,
    options: ReadOptions,
  ): Promise<{ source: string; labels: LabelSet } | undefined>;
}
