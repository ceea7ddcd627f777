import type { CanonicalRecord, Language, RecordKind } from "../records/index.ts";
import { BottomK, stableId, unique } from "../util/index.ts";
import {
  type DictionaryExample,
  emptyLabelEntry,
  type LabelEntry,
  type SchemaDictionary,
  type SourceEntry,
} from "./dictionary-file.ts";

export interface MiningOptions {
  seed: number;
  /** Positive and negative examples kept per label (5 each by default, as spec §5). */
  examples?: number;
  /** Representative values kept per label. */
  values?: number;
}

/** A record kept as a negative candidate: its text, the labels it carries, and its class if any. */
interface NegativeCandidate {
  text: string;
  labels: string[];
  label?: string;
}

const NEGATIVE_POOL = 96;
const PLAIN_POOL = 32;

class SourceMiner {
  readonly kind: RecordKind;
  /** A source's language: the smallest code seen, so the answer does not depend on record order. */
  lang: Language;
  readonly labels = new Map<
    string,
    { kind: RecordKind; positive: BottomK<DictionaryExample>; values: BottomK<string> }
  >();
  /** Texts carrying other labels of the source: the confusable negatives, preferred. */
  readonly confusable = new BottomK<NegativeCandidate>(NEGATIVE_POOL, mergeCandidates);
  /** Texts carrying no label at all. */
  readonly plain = new BottomK<NegativeCandidate>(PLAIN_POOL, mergeCandidates);
  readonly sourcePositive: BottomK<DictionaryExample>;
  readonly sourceNegative: BottomK<DictionaryExample>;

  constructor(kind: RecordKind, lang: Language, examples: number) {
    this.kind = kind;
    this.lang = lang;
    this.sourcePositive = new BottomK(examples);
    this.sourceNegative = new BottomK(examples);
  }
}

/**
 * Mines examples and representative values from a stream of records. Every choice is a bottom-k
 * sample keyed by hashes of (seed, source, label, text), so the result depends on the corpus and the
 * seed, never on record order, and memory holds a bounded number of candidates per label.
 */
export class DictionaryMiner {
  readonly #options: Required<MiningOptions>;
  readonly #sources = new Map<string, SourceMiner>();

  constructor(options: MiningOptions) {
    this.#options = { examples: 5, values: 5, ...options };
  }

  add(record: CanonicalRecord): void {
    if (record.kind === "chat") return;
    let miner = this.#sources.get(record.source);
    if (!miner) {
      miner = new SourceMiner(record.kind, record.lang, this.#options.examples);
      this.#sources.set(record.source, miner);
    }
    if (record.lang < miner.lang) miner.lang = record.lang;
    if (record.kind === "qa" || record.kind === "tuples") {
      this.#addSourceExample(miner, record);
      return;
    }
    const labels = labelsOf(record);
    for (const label of labels) this.#addPositive(miner, record, label);
    const candidate: NegativeCandidate = { text: record.text, labels };
    if (record.kind === "classification") candidate.label = record.label;
    const key = this.#key(record.source, record.text, "negative");
    (labels.length > 0 ? miner.confusable : miner.plain).offer(key, candidate);
  }

  /** The mined dictionary: every source and label seen, examples and values filled. */
  result(): SchemaDictionary {
    const dictionary: SchemaDictionary = { version: 1, sources: {} };
    for (const [name, miner] of this.#sources) dictionary.sources[name] = this.#sourceEntry(miner);
    return dictionary;
  }

  #key(...keys: string[]): string {
    return stableId(this.#options.seed, ...keys);
  }

  #addPositive(miner: SourceMiner, record: CanonicalRecord, label: string): void {
    let state = miner.labels.get(label);
    if (!state) {
      state = {
        kind: record.kind,
        positive: new BottomK(this.#options.examples),
        values: new BottomK(this.#options.values),
      };
      miner.labels.set(label, state);
    }
    const text = (record as { text: string }).text;
    state.positive.offer(this.#key(record.source, label, text, "positive"), {
      text,
      answer: annotationFor(record, label),
    });
    for (const value of valuesFor(record, label))
      state.values.offer(this.#key(record.source, label, value, "value"), value);
  }

  #addSourceExample(miner: SourceMiner, record: Extract<CanonicalRecord, { kind: "qa" | "tuples" }>): void {
    const key = this.#key(record.source, record.text, record.kind === "qa" ? record.question : "", "example");
    if (record.kind === "tuples") {
      miner.sourcePositive.offer(key, { text: record.text, answer: record.tuples });
      return;
    }
    const example: DictionaryExample = {
      text: record.text,
      question: record.question,
      answer: record.answer,
    };
    if (record.choices) example.choices = record.choices;
    (record.answer === null ? miner.sourceNegative : miner.sourcePositive).offer(key, example);
  }

  #sourceEntry(miner: SourceMiner): SourceEntry {
    const labels: Record<string, LabelEntry> = {};
    for (const [label, state] of miner.labels) {
      labels[label] = {
        ...emptyLabelEntry(),
        // A source mixing kinds (CoNLL04): this label's examples are of another kind than the source's.
        ...(state.kind !== miner.kind ? { kind: state.kind } : {}),
        values: state.values.items(),
        positive: state.positive.items(),
        negative: this.#negatives(miner, label),
      };
    }
    return {
      kind: miner.kind,
      lang: miner.lang,
      reviewed: false,
      positive: miner.sourcePositive.items(),
      negative: miner.sourceNegative.items(),
      labels,
    };
  }

  /** Texts without the label, those carrying other labels of the source first. */
  #negatives(miner: SourceMiner, label: string): DictionaryExample[] {
    const candidates = [...miner.confusable.items(), ...miner.plain.items()];
    return candidates
      .filter((candidate) => !candidate.labels.includes(label))
      .slice(0, this.#options.examples)
      .map((candidate) => ({ text: candidate.text, answer: candidate.label ?? [] }));
  }
}

/**
 * The same text seen twice: it carries the labels of both records, so it is never a negative for a
 * label either one has; the smaller class is kept.
 */
function mergeCandidates(held: NegativeCandidate, incoming: NegativeCandidate): NegativeCandidate {
  const labels = [...new Set([...held.labels, ...incoming.labels])].sort();
  const merged: NegativeCandidate = { text: held.text, labels };
  const label = [held.label, incoming.label].filter((l) => l !== undefined).sort()[0];
  if (label !== undefined) merged.label = label;
  return merged;
}

/** The labels a record carries, each once, in first-seen order. */
export function labelsOf(record: CanonicalRecord): string[] {
  switch (record.kind) {
    case "entities":
      return unique(record.entities.map((e) => e.type));
    case "relations":
      return unique(record.relations.map((r) => r.relation));
    case "events":
      return unique(record.events.map((e) => e.type));
    case "graph":
      return unique(record.entities.map((e) => e.type));
    case "classification":
      return [record.label];
    default:
      return [];
  }
}

/** The record's annotation for one label, in the example shape of its kind (see dictionary-file.ts). */
export function annotationFor(record: CanonicalRecord, label: string): unknown {
  switch (record.kind) {
    case "entities":
      return unique(record.entities.filter((e) => e.type === label).map((e) => e.text));
    case "relations":
      return record.relations
        .filter((r) => r.relation === label)
        .map((r) => ({ subject: r.subject, object: r.object }));
    case "events":
      return record.events
        .filter((e) => e.type === label)
        .map((e) => ({
          trigger: e.trigger,
          arguments: e.arguments.map((a) => ({ role: a.role, text: a.text })),
        }));
    case "graph":
      return record.entities
        .filter((e) => e.type === label)
        .map((e) => ({ name: e.name, attributes: e.attributes }));
    case "classification":
      return record.label;
    default:
      return undefined;
  }
}

function valuesFor(record: CanonicalRecord, label: string): string[] {
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
