import type { CanonicalRecord, LabelSet } from "../records/index.ts";
import type { LabelMaps } from "./label-map.ts";
import type { SeenIds } from "./unique-ids.ts";

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
  /**
   * SemEval-style relation names with a direction suffix (`Cause-Effect(e2,e1)`): drop the suffix, and
   * for `(e2,e1)` swap subject and object, so one relation name has one direction.
   */
  normalizeDirection?: boolean;
  /** Token-based formats: join tokens as the text was written (`-LRB-` → `(`, no space before `.`). */
  detokenize?: boolean;
  /** Where a reader tells what the counts do not show: spans realigned, names kept as ids. */
  notes?: ReadNotes;
  /** Readable names for raw tags (`--label-map`), over the built-in ones; `"none"` keeps raw tags. */
  labelMap?: LabelMaps | "none";
  /**
   * Ids already used, by source, with where: shared by the inputs of one run so that an id is unique
   * across the files of a source too. Each read has its own when absent.
   */
  seenIds?: SeenIds;
  /**
   * Which ids to check and keep (`source`, `id`): those that may repeat, when a count of the run's ids
   * found the rest used once (synth/id-census.ts), so memory does not grow with the corpus. Every id
   * when absent.
   */
  mayRepeat?: (source: string, id: string) => boolean;
  /** Told of every label renamed (source, raw tag, name), so the raw tag can be kept for tracing. */
  onLabelMapped?: (source: string, raw: string, name: string) => void;
}

/** Notes a reader leaves for the run summary, each with how often it applied. */
export interface ReadNotes {
  add(note: string, count?: number): void;
}

/** One native dataset format → canonical records. */
export interface DatasetReader {
  /** The `--format` name. */
  readonly name: string;
  readonly description: string;
  /** Look at a path (file or folder) and the first bytes of the file; never read the whole file. */
  detect(path: string, head: string): Detection;
  read(path: string, options: ReadOptions): AsyncIterable<ReadItem>;
  /**
   * The items `read` yields, a piece of the input at a time (no async step per item), for a reader that
   * reads its input in pieces anyway.
   */
  readBatches?(path: string, options: ReadOptions): AsyncIterable<ReadItem[]>;
  /** The label set a schema file beside the data declares (IEPile's schema.json), for one source. */
  declaredLabels?(
    path: string,
    options: ReadOptions,
  ): Promise<{ source: string; labels: LabelSet } | undefined>;
}
