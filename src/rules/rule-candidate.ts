import { acceptedRecords, type DatasetInput, recordId } from "../readers/index.ts";
import { type CanonicalRecord, type Language, sorted } from "../records/index.ts";
import { BottomK, stableId, unique } from "../util/index.ts";
import { type ModificationStrategy, strategies } from "./strategies.ts";

export type RelationPair = { subject: string; object: string };

/** One label of one record, as a preference rule would rewrite it. */
export interface RuleCandidate {
  source: string;
  /** The id `hum synth` gives the record, so it finds the rule again. */
  recordId: string;
  lang: Language;
  /** The task whose default answer `new_labels` follows: NER spans, RE pairs, EET triggers. */
  task: "NER" | "RE" | "EET";
  text: string;
  label: string;
  /** The label's values, each once in first-seen order (for relations: subjects and objects). */
  spans: string[];
  /** Relations only: the label's (subject, object) pairs; null for span labels. */
  pairs: RelationPair[] | null;
  /** Every annotated span of the record, whatever its label (nesting looks across labels). */
  allSpans: string[];
}

export interface SamplingOptions {
  /** Candidates asked per source and strategy. */
  perStrategy: number;
  seed: number;
}

export interface SampledCandidate {
  strategy: ModificationStrategy;
  candidate: RuleCandidate;
}

/**
 * A pass over the inputs keeping, per source and strategy, a seeded sample of `perStrategy` record
 * labels the strategy can apply to. The sample does not depend on input order, and the result is
 * ordered by source, strategy and sample rank, so the requests are always made in the same order.
 */
export async function sampleRuleCandidates(
  inputs: readonly DatasetInput[],
  options: SamplingOptions,
): Promise<{ sampled: SampledCandidate[]; records: number; rejected: number }> {
  const samples = new Map<string, BottomK<RuleCandidate>>();
  const counts = { records: 0, rejected: 0 };
  for await (const item of acceptedRecords(inputs, counts)) {
    for (const candidate of candidatesOf(item.record, recordId(item.record, item.location))) {
      for (const strategy of strategies()) {
        if (!strategy.applies(candidate)) continue;
        const key = `${candidate.source}\u0000${strategy.name}`;
        let sample = samples.get(key);
        if (!sample) samples.set(key, (sample = new BottomK(options.perStrategy)));
        const rank = stableId(
          options.seed,
          "rules",
          candidate.source,
          strategy.name,
          candidate.recordId,
          candidate.label,
        );
        sample.offer(rank, candidate);
      }
    }
  }
  const sources = sorted(new Set([...samples.keys()].map((key) => key.split("\u0000")[0])));
  const sampled = sources.flatMap((source) =>
    strategies().flatMap((strategy) =>
      (samples.get(`${source}\u0000${strategy.name}`)?.items() ?? []).map((candidate) => ({
        strategy,
        candidate,
      })),
    ),
  );
  return { sampled, ...counts };
}

/** The labels of a record that rules can rewrite: entity types, relations and event types. */
export function candidatesOf(record: CanonicalRecord, id: string): RuleCandidate[] {
  const base = { source: record.source, recordId: id, lang: record.lang };
  switch (record.kind) {
    case "entities": {
      const spans = groupBy(record.entities.map((e) => [e.type, e.text]));
      const allSpans = unique(record.entities.map((e) => e.text));
      return [...spans].map(([label, values]) => ({
        ...base,
        task: "NER",
        text: record.text,
        label,
        spans: values,
        pairs: null,
        allSpans,
      }));
    }
    case "events": {
      const triggers = groupBy(record.events.map((e) => [e.type, e.trigger]));
      const allSpans = unique(record.events.map((e) => e.trigger));
      return [...triggers].map(([label, values]) => ({
        ...base,
        task: "EET",
        text: record.text,
        label,
        spans: values,
        pairs: null,
        allSpans,
      }));
    }
    case "relations": {
      const pairs = new Map<string, RelationPair[]>();
      for (const r of record.relations) {
        const list = pairs.get(r.relation) ?? [];
        if (!list.some((p) => p.subject === r.subject && p.object === r.object))
          list.push({ subject: r.subject, object: r.object });
        pairs.set(r.relation, list);
      }
      const allSpans = unique(record.relations.flatMap((r) => [r.subject, r.object]));
      return [...pairs].map(([label, list]) => ({
        ...base,
        task: "RE",
        text: record.text,
        label,
        spans: unique(list.flatMap((p) => [p.subject, p.object])),
        pairs: list,
        allSpans,
      }));
    }
    default:
      return [];
  }
}

function groupBy(entries: readonly [string, string][]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [key, value] of entries) {
    const list = groups.get(key) ?? [];
    if (!list.includes(value)) list.push(value);
    groups.set(key, list);
  }
  return groups;
}
