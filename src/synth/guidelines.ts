import type { LabelEntry, SourceEntry } from "../dictionary/index.ts";
import { exampleRecord } from "../dictionary/index.ts";
import type { CanonicalRecord, Language, QaRecord } from "../records/index.ts";
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
  if (fittingCandidates(plan, sources).length > 0) return true;
  if (LABEL_LESS.has(plan.task.name)) return false;
  return plan.chunk.labels.some(
    (label) =>
      (usableText(sources.entry?.labels[label], options)?.descriptions.length ?? 0) > 0 ||
      (options.typicalValues && typicalValues(plan, label, sources).length > 0),
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
  accepts: (record: CanonicalRecord) => boolean = () => true,
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
  const key = `values\u0000${entry ? objectId(entry) : ""}\u0000${source}\u0000${label}`;
  return cached(poolValues, pool ?? NO_POOL, key, () =>
    [...new Set([...(entry?.labels[label]?.values ?? []), ...(pool?.values(source, label) ?? [])])]
      .filter((value) => value !== "")
      .sort(),
  );
}

const poolValues = new WeakMap<object, Map<string, string[]>>();

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
  accepts: (record: CanonicalRecord) => boolean,
): CanonicalRecord[] {
  return fittingCandidates(plan, sources).filter(accepts);
}

/** The candidates before any rule's say, once per instruction (availability and sampling both ask). */
const fitting = new WeakMap<PlannedInstruction, { sources: GuidelineSources; records: CanonicalRecord[] }>();

function fittingCandidates(plan: PlannedInstruction, sources: GuidelineSources): CanonicalRecord[] {
  const held = fitting.get(plan);
  if (held && held.sources.entry === sources.entry && held.sources.pool === sources.pool) return held.records;
  const { task } = plan;
  const input = task.input(plan.record);
  const mrcChoices = task.name === "MRC" ? plan.chunk.plain === true : undefined;
  const records: CanonicalRecord[] = [];
  for (const candidate of sourceCandidates(plan, sources))
    if (
      candidate.record.kind === task.recordKind &&
      candidate.input !== input &&
      (mrcChoices === undefined || ((candidate.record as QaRecord).choices !== undefined) === mrcChoices)
    )
      records.push(candidate.record);
  fitting.set(plan, { sources, records });
  return records;
}

/** A candidate example with its task input, which every instruction compares with its own. */
interface Candidate {
  record: CanonicalRecord;
  input: string;
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
  accepts: (record: CanonicalRecord) => boolean,
): GuidelineExample[] {
  const candidates = exampleCandidates(plan, sources, accepts);
  if (candidates.length === 0 || options.maxExamples === 0) return [];
  const { task } = plan;
  if (LABEL_LESS.has(task.name) || task.name === "TC") {
    const count = random.int(1, Math.max(1, Math.min(options.maxExamples, 2, candidates.length)));
    return random.sample(candidates, count).map((record) => ({ record }));
  }
  const picked: CanonicalRecord[] = [];
  const known = knownValues(plan, sources);
  const answerOf = exampleAnswers(plan);
  // Every label's draw looks at the same candidates: what each one misses is found once.
  const misses = new Map<CanonicalRecord, boolean>();
  const missing = (r: CanonicalRecord) => {
    let miss = misses.get(r);
    if (miss === undefined) misses.set(r, (miss = missesKnownValue(plan, r, known, answerOf)));
    return miss;
  };
  const positives = candidates.map((r) => remember(factsOf(r).positives, task.name, () => task.positives(r)));
  const take = (pool: CanonicalRecord[], count: number) => {
    const fresh = pool.filter((r) => !picked.includes(r) && !missing(r));
    for (const record of random.sample(fresh, count))
      if (picked.length < options.maxExamples) picked.push(record);
  };
  for (const label of random.shuffle(plan.chunk.labels)) {
    const carrying: CanonicalRecord[] = [];
    const others: CanonicalRecord[] = [];
    for (let i = 0; i < candidates.length; i++)
      (positives[i].includes(label) ? carrying : others).push(candidates[i]);
    const perLabel = Math.max(1, options.examplesPerLabel);
    take(carrying, random.int(1, perLabel));
    take(others, random.int(0, perLabel));
    if (picked.length >= options.maxExamples) break;
  }
  return consistentExamples(plan, picked, known, answerOf).map((record) => ({ record }));
}

/** Drop examples that miss a value another example shows for the same label, until none does. */
function consistentExamples(
  plan: PlannedInstruction,
  picked: CanonicalRecord[],
  known: Map<string, string[]>,
  answerOf: (record: CanonicalRecord) => Record<string, string[]>,
): CanonicalRecord[] {
  if (known.size === 0) return picked;
  let kept = picked;
  for (;;) {
    const shown = new Map(known);
    for (const record of kept) {
      const answer = answerOf(record);
      for (const label of known.keys()) shown.set(label, [...shown.get(label)!, ...(answer[label] ?? [])]);
    }
    const next = kept.filter((record) => !missesKnownValue(plan, record, shown, answerOf));
    if (next.length === kept.length) return kept;
    kept = next;
  }
}

/** Values of the chunk's labels (NER spans, EET triggers): the target's, and the mined typical ones. */
function knownValues(plan: PlannedInstruction, sources: GuidelineSources): Map<string, string[]> {
  const known = new Map<string, string[]>();
  if (plan.task.name !== "NER" && plan.task.name !== "EET") return known;
  const answer = plan.answer as Record<string, string[]>;
  for (const label of plan.chunk.labels)
    known.set(label, [...(answer[label] ?? []), ...(sources.pool?.values(plan.record.source, label) ?? [])]);
  return known;
}

/**
 * An example whose text holds a known value of a label its annotation leaves empty would teach the
 * model to miss it (corpora annotate unevenly): such records are not shown.
 */
function missesKnownValue(
  plan: PlannedInstruction,
  record: CanonicalRecord,
  known: Map<string, string[]>,
  answerOf: (record: CanonicalRecord) => Record<string, string[]>,
): boolean {
  if (known.size === 0) return false;
  const answer = answerOf(record);
  const { task } = plan;
  const text = task.input(record);
  // The word-boundary test builds a regular expression: a record is tested for a value once.
  const holds = (value: string) =>
    value.length >= 2 &&
    text.includes(value) &&
    remember(factsOf(record).holds, `${task.name}\u0000${value}`, () => holdsValue(text, value));
  for (const [label, values] of known)
    if ((answer[label]?.length ?? 0) === 0 && values.some(holds)) return true;
  return false;
}

/** An instruction's answers for example records, each record's found once per task and chunk. */
function exampleAnswers(plan: PlannedInstruction): (record: CanonicalRecord) => Record<string, string[]> {
  let key: string | undefined;
  return (record) => {
    key ??= `${plan.task.name}\u0000${JSON.stringify(plan.chunk)}`;
    return remember(factsOf(record).answers, key, () => plan.task.answer(record, plan.chunk)) as Record<
      string,
      string[]
    >;
  };
}

/**
 * What instructions keep asking of the example pool's few records (their positives, their answers for
 * a chunk, whether they hold a value), found once per record. Answers are shared: never changed.
 */
interface RecordFacts {
  positives: Map<string, string[]>;
  answers: Map<string, unknown>;
  holds: Map<string, boolean>;
}

const recordFacts = new WeakMap<CanonicalRecord, RecordFacts>();
/** Bounded per record: chunks and values vary with the instructions that show it. */
const FACTS_LIMIT = 1024;

function factsOf(record: CanonicalRecord): RecordFacts {
  let facts = recordFacts.get(record);
  if (!facts)
    recordFacts.set(record, (facts = { positives: new Map(), answers: new Map(), holds: new Map() }));
  return facts;
}

function remember<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (value === undefined && !map.has(key)) {
    value = make();
    if (map.size >= FACTS_LIMIT) map.clear();
    map.set(key, value);
  }
  return value as T;
}
