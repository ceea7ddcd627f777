import { annotationFor, DictionaryMiner } from "../dictionary/index.ts";
import { acceptedRecords, type DatasetInput, recordId } from "../readers/index.ts";
import type { CanonicalRecord } from "../records/index.ts";
import { spanStrings } from "./highlights.ts";
import type { HighlightedText } from "./review-item.ts";

/** Corpus sentences per label, and the records that preference rules were written for. */
export interface CorpusContext {
  sentences(source: string, label: string): HighlightedText[];
  record(source: string, recordId: string): CanonicalRecord | undefined;
}

export const EMPTY_CONTEXT: CorpusContext = { sentences: () => [], record: () => undefined };

/**
 * One pass over the datasets: a seeded bottom-k sample of sentences per (source, label), the same
 * sampler `hum dict mine` uses, so the sentences do not depend on record order; and the records named
 * by `wanted` (source, record id) keys, so memory holds only what the page shows.
 */
export async function readCorpusContext(
  inputs: readonly DatasetInput[],
  wanted: ReadonlySet<string>,
  sentencesPerLabel = 3,
): Promise<CorpusContext> {
  const miner = new DictionaryMiner({ seed: 42, examples: sentencesPerLabel, values: 1 });
  const records = new Map<string, CanonicalRecord>();
  for await (const { record, location } of acceptedRecords(inputs, { records: 0, rejected: 0 })) {
    miner.add(record);
    const key = recordKey(record.source, recordId(record, location));
    if (wanted.has(key)) records.set(key, record);
  }
  const mined = miner.result();
  return {
    sentences(source, label) {
      const entry = mined.sources[source]?.labels[label];
      if (!entry) return [];
      const kind = mined.sources[source].kind;
      return entry.positive.map((example) => ({
        text: example.text,
        highlights: kind === "classification" ? [] : spanStrings(example.answer),
      }));
    },
    record: (source, id) => records.get(recordKey(source, id)),
  };
}

export function recordKey(source: string, id: string): string {
  return `${source}\u0000${id}`;
}

/** The record's own annotation for a label, in the dictionary example shape of its kind. */
export function originalAnnotation(record: CanonicalRecord, label: string): unknown {
  return annotationFor(record, label);
}
