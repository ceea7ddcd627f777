import type { LabelEntry, SourceEntry } from "../dictionary/index.ts";
import { exampleRecord } from "../dictionary/index.ts";
import type { CanonicalRecord, Language, QaRecord } from "../records/index.ts";
import { chunkKey } from "../tasks/index.ts";
import type { SeededRandom } from "../util/index.ts";
import { holdsValue } from "../util/index.ts";
import type { PlannedInstruction } from "./basic.ts";
import type { GuidelineOptions } from "./config.ts";
import type { ExamplePool } from "./example-pool.ts";

/** One example to show: a record annotated for every label the instruction asks. */
export interface GuidelineExample {
  record: CanonicalRecord;
  /** The label it was picked for, when it was picked for one (informative only). */
  label?: string;
}

/** What guidelines add to one instruction (spec §5). Keys are the labels as annotated. */
export interface Guidance {
  /** One paraphrase per label that has descriptions, with its typical values when mined. */
  descriptions: Map<string, string>;
  /** Event types: one paraphrase per described role. */
  roleDescriptions: Map<string, Map<string, string>>;
  /** Labels shown under another name: a synonym, or a mask `labelN` (only for described labels). */
  names: Map<string, string>;
  examples: GuidelineExample[];
}

/** Where guidelines come from: the schema dictionary (text) and the example pool (records, values). */
export interface GuidelineSources {
  entry?: SourceEntry;
  pool?: ExamplePool;
}

/** Whether sampled guidelines change anything. */
export function isEmptyGuidance(guidance: Guidance): boolean {
  return guidance.descriptions.size === 0 && guidance.names.size === 0 && guidance.examples.length === 0;
}

/** Tasks whose answers have no label names: their guidelines are examples only. */
const LABEL_LESS = new Set(["MRC", "OpenIE"]);

/**
 * The entry of a label, or undefined; `reviewedOnly` hides what no one has reviewed, and what a
 * reviewer rejected is never used.
 */
export function usableText(entry: LabelEntry | undefined, options: GuidelineOptions): LabelEntry | undefined {
  if (!entry || entry.review?.decision === "rejected") return undefined;
  return options.reviewedOnly && !entry.reviewed ? undefined : entry;
}

/** Whether the dictionary or the pool can say anything about this instruction's labels. */
export function guidelinesAvailable(
  plan: PlannedInstruction,
  sources: GuidelineSources,
  options: GuidelineOptions,
): boolean {
  if (plan.task.name === "IG") return false;
  // Asked of every instruction the mixer would make compound: one fitting candidate answers it.
  if (sourceCandidates(plan, sources).some(fitsInstruction(plan))) return true;
  if (LABEL_LESS.has(plan.task.name)) return false;
  return plan.chunk.labels.some((label) => describable(plan, label, sources, options));
}

/**
 * Whether `planGuidance` surely writes guidelines for these labels, whatever its draws: a label with a
 * description or typical values is always described. Known without a draw, so the guidelines
 * themselves can be sampled later, on the thread that renders the instruction.
 */
export function surelyGuided(
  plan: PlannedInstruction,
  labels: readonly string[],
  sources: GuidelineSources,
  options: GuidelineOptions,
): boolean {
  return labels.some((label) => describable(plan, label, sources, options));
}

/** Whether `describe` finds something to say of a label: a paraphrase, or mined values. */
function describable(
  plan: PlannedInstruction,
  label: string,
  sources: GuidelineSources,
  options: GuidelineOptions,
): boolean {
  return (
    (usableText(sources.entry?.labels[label], options)?.descriptions.length ?? 0) > 0 ||
    (options.typicalValues && typicalValues(plan, label, sources).length > 0)
  );
}

/**
 * Sample the guidelines of one instruction: a description per label (a paraphrase, with typical values),
 * names (synonyms, masks), and examples: up to `examplesPerLabel` positives and negatives per label,
 * `maxExamples` in all, each annotated for the whole chunk and accepted by `accepts` (an applied
 * preference rule admits only examples it can be followed in). `labels` are the chunk's labels after
 * any rule (a reverse rule asks the inverse relation).
 */
export function planGuidance(
  plan: PlannedInstruction,
  labels: readonly string[],
  sources: GuidelineSources,
  options: GuidelineOptions,
  random: SeededRandom,
  accepts?: (record: CanonicalRecord) => boolean,
): Guidance {
  const guidance: Guidance = {
    descriptions: new Map(),
    roleDescriptions: new Map(),
    names: new Map(),
    examples: [],
  };
  const taken = new Set<string>([
    ...plan.context.labels.entities,
    ...labels,
    ...plan.task.universe(plan.context),
  ]);
  for (const label of labels) {
    const entry = usableText(sources.entry?.labels[label], options);
    const description = describe(plan, label, entry, options.typicalValues ? sources : undefined, random);
    if (description !== undefined) guidance.descriptions.set(label, description);
    const roles = new Map<string, string>();
    for (const [role, described] of Object.entries(entry?.roles ?? {}))
      if (described.descriptions.length > 0) roles.set(role, random.pick(described.descriptions));
    if (roles.size > 0) guidance.roleDescriptions.set(label, roles);
    const name = variantName(label, entry, description, taken, options, random);
    if (name) {
      guidance.names.set(label, name);
      taken.add(name);
    }
  }
  guidance.examples = pickExamples(plan, sources, options, random, accepts);
  return guidance;
}

const TYPICAL: Record<Language, (values: string) => string> = {
  en: (values) => `Typical examples: ${values}.`,
  zh: (values) => `典型示例：${values}。`,
};

/** A paraphrase from the dictionary, followed by typical values (paper Table 33); either may be absent. */
function describe(
  plan: PlannedInstruction,
  label: string,
  entry: LabelEntry | undefined,
  sources: GuidelineSources | undefined,
  random: SeededRandom,
): string | undefined {
  const paraphrase = entry && entry.descriptions.length > 0 ? random.pick(entry.descriptions) : undefined;
  const values = sources ? typicalValues(plan, label, sources) : [];
  const shown =
    values.length > 0 && random.chance(paraphrase ? 0.5 : 1)
      ? random.sample(values, Math.min(3, values.length))
      : [];
  if (shown.length === 0) return paraphrase;
  const typical = TYPICAL[plan.record.lang](
    shown.map((v) => JSON.stringify(v)).join(plan.record.lang === "zh" ? "、" : ", "),
  );
  return paraphrase ? `${paraphrase}${plan.record.lang === "zh" ? "" : " "}${typical}` : typical;
}

/** Mined values of a label that the input does not hold (showing those would give the answer away). */
function typicalValues(plan: PlannedInstruction, label: string, sources: GuidelineSources): string[] {
  const input = plan.task.input(plan.record);
  return sourceValues(plan.record.source, label, sources).filter((value) => !input.includes(value));
}

/** A label's mined values, distinct, non-empty and sorted: the same for every record of a source. */
function sourceValues(source: string, label: string, { entry, pool }: GuidelineSources): readonly string[] {
  // Looked up by the source's and label's own strings: a key text built per lookup costs more than the
  // values' filter.
  let byEntry = poolValues.get(pool ?? NO_POOL);
  if (!byEntry) poolValues.set(pool ?? NO_POOL, (byEntry = new WeakMap()));
  let bySource = byEntry.get(entry ?? NO_ENTRY);
  if (!bySource) byEntry.set(entry ?? NO_ENTRY, (bySource = new Map()));
  let byLabel = bySource.get(source);
  if (!byLabel) bySource.set(source, (byLabel = new Map()));
  let values = byLabel.get(label);
  if (values === undefined) {
    values = [...new Set([...(entry?.labels[label]?.values ?? []), ...(pool?.values(source, label) ?? [])])]
      .filter((value) => value !== "")
      .sort();
    byLabel.set(label, values);
  }
  return values;
}

/** Per pool and dictionary entry (or neither), each source's label values (bounded by the labels). */
const poolValues = new WeakMap<object, WeakMap<object, Map<string, Map<string, string[]>>>>();

/**
 * A mask for a described label, or a synonym; names already in use are never given twice. A label whose
 * description says its own name is never masked: the mask would not hide it.
 */
function variantName(
  label: string,
  entry: LabelEntry | undefined,
  description: string | undefined,
  taken: Set<string>,
  options: GuidelineOptions,
  random: SeededRandom,
): string | undefined {
  const maskable = description !== undefined && !description.toLowerCase().includes(label.toLowerCase());
  if (maskable && random.chance(options.maskRate)) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const mask = `label${random.int(1, 99)}`;
      if (!taken.has(mask)) return mask;
    }
  }
  const synonyms = (entry?.synonyms ?? []).filter((s) => s !== label && !taken.has(s));
  if (synonyms.length > 0 && random.chance(options.synonymRate)) return random.pick(synonyms);
  return undefined;
}

/**
 * Example records for the instruction, never its own text: for labelled tasks pool records carrying each
 * label (positives) and records without it (negatives); for MRC, OpenIE and TC the source's records
 * (multiple choice only with choices). Dictionary examples join for label-less tasks, whose examples
 * are complete answers.
 */
function exampleCandidates(
  plan: PlannedInstruction,
  sources: GuidelineSources,
  accepts: ((record: CanonicalRecord) => boolean) | undefined,
): readonly Candidate[] {
  const fits = fitsInstruction(plan);
  const all = sourceCandidates(plan, sources);
  // The source's array itself when every candidate fits: its label splits are kept with it (`partition`).
  const fitting = all.every(fits) ? all : all.filter(fits);
  return accepts ? fitting.filter((candidate) => accepts(candidate.record)) : fitting;
}

/** Whether a candidate can be shown with the instruction: its kind, not its text, and for MRC its form. */
function fitsInstruction(plan: PlannedInstruction): (candidate: Candidate) => boolean {
  const { task } = plan;
  const input = task.input(plan.record);
  const mrcChoices = task.name === "MRC" ? plan.chunk.plain === true : undefined;
  return (candidate) =>
    candidate.record.kind === task.recordKind &&
    candidate.input !== input &&
    (mrcChoices === undefined || ((candidate.record as QaRecord).choices !== undefined) === mrcChoices);
}

/**
 * A candidate example with its task input, which every instruction compares with its own, and what
 * instructions keep asking of it, found once: the labels it carries, and per label whether its text
 * holds one of the pool's values of that label (so the same candidates, met instruction after
 * instruction, are not searched again).
 */
interface Candidate {
  record: CanonicalRecord;
  input: string;
  positives?: string[];
  /** Answers by chunk (as JSON); shared, never changed. */
  answers?: Map<string, Record<string, string[]>>;
  holdsPoolValue?: Map<string, boolean>;
}

/**
 * The pool's (and for label-less tasks the dictionary's) distinct records for the instruction's source,
 * task and labels: the same for every record of a source that asks those labels, so kept per pool.
 */
function sourceCandidates(plan: PlannedInstruction, sources: GuidelineSources): Candidate[] {
  const { task, record } = plan;
  const { pool, entry } = sources;
  if (LABEL_LESS.has(task.name) || task.name === "TC") {
    const key = `${task.name}\u0000${record.source}\u0000${record.lang}\u0000${entry ? objectId(entry) : ""}`;
    return cached(poolCandidates, pool ?? NO_POOL, key, () => {
      const own = pool?.records(record.source) ?? [];
      const written = LABEL_LESS.has(task.name) ? dictionaryExamples(plan, sources) : [];
      return uniqueByText(task, [...own, ...written]);
    });
  }
  if (!pool) return [];
  const key = `${task.name}\u0000${record.source}\u0000${plan.chunk.labels.join("\u0000")}`;
  return cached(poolCandidates, pool, key, () => {
    const positives = plan.chunk.labels.flatMap((label) => pool.positives(record.source, label));
    return uniqueByText(task, [...positives, ...pool.negatives(record.source)]);
  });
}

const poolCandidates = new WeakMap<object, Map<string, Candidate[]>>();
const NO_POOL = {};
const NO_ENTRY = {};
/** Bounded: a source with very many label combinations must not grow memory with the corpus. */
const CACHE_LIMIT = 10_000;

function cached<T>(caches: WeakMap<object, Map<string, T>>, owner: object, key: string, make: () => T): T {
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

/** A number naming an object for cache keys (dictionary entries are compared by identity). */
function objectId(object: object): number {
  let id = objectIds.get(object);
  if (id === undefined) objectIds.set(object, (id = nextObjectId++));
  return id;
}

/** The dictionary's examples as records (each parse checks the answer's shape, so done once). */
function dictionaryExamples(plan: PlannedInstruction, sources: GuidelineSources): CanonicalRecord[] {
  const entry = sources.entry;
  if (!entry || entry.kind !== plan.task.recordKind) return [];
  return [...entry.positive, ...entry.negative]
    .map((e) => exampleRecord(e, { kind: entry.kind, source: plan.record.source, lang: plan.record.lang }))
    .filter((r): r is CanonicalRecord => r !== undefined);
}

function uniqueByText(task: PlannedInstruction["task"], records: readonly CanonicalRecord[]): Candidate[] {
  const seen = new Set<string>();
  const unique: Candidate[] = [];
  for (const record of records) {
    const input = task.input(record);
    const key = `${input}\u0000${record.kind === "qa" ? record.question : ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push({ record, input });
  }
  return unique;
}

/**
 * Up to `examplesPerLabel` positives and as many negatives per label (at least one of each when there is
 * one), at most `maxExamples` in all, in label order then positive before negative.
 */
function pickExamples(
  plan: PlannedInstruction,
  sources: GuidelineSources,
  options: GuidelineOptions,
  random: SeededRandom,
  accepts: ((record: CanonicalRecord) => boolean) | undefined,
): GuidelineExample[] {
  const candidates = exampleCandidates(plan, sources, accepts);
  if (candidates.length === 0 || options.maxExamples === 0) return [];
  const { task } = plan;
  if (LABEL_LESS.has(task.name) || task.name === "TC") {
    const count = random.int(1, Math.max(1, Math.min(options.maxExamples, 2, candidates.length)));
    return random.sample(candidates, count).map(({ record }) => ({ record }));
  }
  const picked: Candidate[] = [];
  const known = new KnownValues(plan, sources.pool);
  // Every label's draw looks at the same candidates: what each one misses is found once.
  const misses = new Map<Candidate, boolean>();
  const missing = (candidate: Candidate) => {
    let miss = misses.get(candidate);
    if (miss === undefined) misses.set(candidate, (miss = known.missedBy(candidate)));
    return miss;
  };
  const take = (pool: Candidate[], count: number) => {
    const fresh = pool.filter((c) => !picked.includes(c) && !missing(c));
    for (const candidate of random.sample(fresh, count))
      if (picked.length < options.maxExamples) picked.push(candidate);
  };
  for (const label of random.shuffle(plan.chunk.labels)) {
    const { carrying, others } = partition(task, candidates, label);
    const perLabel = Math.max(1, options.examplesPerLabel);
    take(carrying, random.int(1, perLabel));
    take(others, random.int(0, perLabel));
    if (picked.length >= options.maxExamples) break;
  }
  return consistentExamples(picked, known).map(({ record }) => ({ record }));
}

/**
 * The candidates carrying a label and the others, in their order. Instructions of a source share their
 * candidates (the same array, unless one did not fit), so each label's split is made once per array.
 */
function partition(
  task: PlannedInstruction["task"],
  candidates: readonly Candidate[],
  label: string,
): { carrying: Candidate[]; others: Candidate[] } {
  let byLabel = partitions.get(candidates);
  if (!byLabel) partitions.set(candidates, (byLabel = new Map()));
  let split = byLabel.get(label);
  if (!split) {
    split = { carrying: [], others: [] };
    for (const candidate of candidates)
      (positivesOf(task, candidate).includes(label) ? split.carrying : split.others).push(candidate);
    byLabel.set(label, split);
  }
  return split;
}

const partitions = new WeakMap<
  readonly Candidate[],
  Map<string, { carrying: Candidate[]; others: Candidate[] }>
>();

function positivesOf(task: PlannedInstruction["task"], candidate: Candidate): string[] {
  candidate.positives ??= task.positives(candidate.record);
  return candidate.positives;
}

/** Drop examples that miss a value another example shows for the same label, until none does. */
function consistentExamples(picked: Candidate[], known: KnownValues): Candidate[] {
  if (!known.checked) return picked;
  let kept = picked;
  for (;;) {
    const shown = known.with(kept);
    const next = kept.filter((candidate) => !shown.missedBy(candidate));
    if (next.length === kept.length) return kept;
    kept = next;
  }
}

/**
 * Values of the chunk's labels (NER spans, EET triggers) that an example must not miss: the target's,
 * those other examples show, and the pool's mined ones. An example whose text holds a known value of a
 * label its annotation leaves empty would teach the model to miss it (corpora annotate unevenly): such
 * records are not shown. The pool's values are the same for every instruction of a source, so whether
 * a candidate holds one is found once per candidate and label.
 */
class KnownValues {
  readonly #plan: PlannedInstruction;
  readonly #pool: ExamplePool | undefined;
  /** Per label, the values besides the pool's; empty for tasks whose examples are not checked. */
  readonly #values: Map<string, string[]>;

  constructor(plan: PlannedInstruction, pool: ExamplePool | undefined, values?: Map<string, string[]>) {
    this.#plan = plan;
    this.#pool = pool;
    this.#values = values ?? KnownValues.#targetValues(plan);
  }

  static #targetValues(plan: PlannedInstruction): Map<string, string[]> {
    const values = new Map<string, string[]>();
    if (plan.task.name !== "NER" && plan.task.name !== "EET") return values;
    const answer = plan.answer as Record<string, string[]>;
    for (const label of plan.chunk.labels) values.set(label, answer[label] ?? []);
    return values;
  }

  get checked(): boolean {
    return this.#values.size > 0;
  }

  /** These values and those the examples show. */
  with(examples: readonly Candidate[]): KnownValues {
    const values = new Map(this.#values);
    for (const example of examples) {
      const answer = this.answerOf(example);
      for (const label of this.#values.keys())
        values.set(label, [...values.get(label)!, ...(answer[label] ?? [])]);
    }
    return new KnownValues(this.#plan, this.#pool, values);
  }

  /**
   * Whether the candidate's text holds a known value of a label its answer leaves empty. Asked of every
   * candidate for every instruction with examples: plain loops, which allocate nothing.
   */
  missedBy(candidate: Candidate): boolean {
    if (this.#values.size === 0) return false;
    const answer = this.answerOf(candidate);
    // By key, not by entry: a destructured entry is an array per label (117 MB on the bench's mix).
    for (const label of this.#values.keys()) {
      if ((answer[label]?.length ?? 0) > 0) continue;
      for (const value of this.#values.get(label)!) if (holdsValue(candidate.input, value)) return true;
      if (this.#holdsPoolValue(candidate, label)) return true;
    }
    return false;
  }

  /** The candidate's answer for the instruction's chunk, found once per candidate and chunk. */
  answerOf(candidate: Candidate): Record<string, string[]> {
    candidate.answers ??= new Map();
    const key = chunkKey(this.#plan.chunk);
    let answer = candidate.answers.get(key);
    if (answer === undefined) {
      answer = this.#plan.task.answer(candidate.record, this.#plan.chunk) as Record<string, string[]>;
      if (candidate.answers.size >= ANSWERS_LIMIT) candidate.answers.clear();
      candidate.answers.set(key, answer);
    }
    return answer;
  }

  #holdsPoolValue(candidate: Candidate, label: string): boolean {
    candidate.holdsPoolValue ??= new Map();
    let held = candidate.holdsPoolValue.get(label);
    if (held === undefined) {
      const values = this.#pool?.values(this.#plan.record.source, label) ?? [];
      held = values.some((value) => holdsValue(candidate.input, value));
      candidate.holdsPoolValue.set(label, held);
    }
    return held;
  }
}

/** Bounded per candidate: chunks vary with the instructions that show it. */
const ANSWERS_LIMIT = 1024;
