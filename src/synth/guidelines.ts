import type { DictionaryExample, LabelEntry, SourceEntry } from "../dictionary/index.ts";
import { exampleRecord } from "../dictionary/index.ts";
import type { CanonicalRecord } from "../records/index.ts";
import type { SeededRandom } from "../util/seeded-random.ts";
import type { PlannedInstruction } from "./basic.ts";
import type { GuidelineOptions } from "./compound-options.ts";

/** One example to show: the record it stands for and the label it was chosen for. */
export interface GuidelineExample {
  record: CanonicalRecord;
  /** The label (entity type, relation …) of a labelled source; absent for MRC and OpenIE. */
  label?: string;
}

/** What guidelines add to one instruction (spec §5). Keys are the labels as annotated. */
export interface Guidance {
  /** One paraphrase per label that has descriptions. */
  descriptions: Map<string, string>;
  /** Event types: one paraphrase per described role. */
  roleDescriptions: Map<string, Map<string, string>>;
  /** Labels shown under another name: a synonym, or a mask `labelN` (only for described labels). */
  names: Map<string, string>;
  examples: GuidelineExample[];
}

/** Whether sampled guidelines change anything (a malformed example may leave nothing to show). */
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

/** Whether the dictionary can say anything about this instruction's labels. */
export function guidelinesAvailable(
  plan: PlannedInstruction,
  source: SourceEntry | undefined,
  options: GuidelineOptions,
): boolean {
  if (!source || plan.task.name === "IG") return false;
  const examplesFit = source.kind === plan.task.recordKind;
  if (LABEL_LESS.has(plan.task.name)) return examplesFit && sourceExamples(plan, source).length > 0;
  const input = plan.task.input(plan.record);
  return plan.chunk.labels.some((label) => {
    const entry = source.labels[label];
    if (!entry) return false;
    const text = usableText(entry, options);
    if ((text?.descriptions.length ?? 0) > 0) return true;
    return examplesFit && [...entry.positive, ...entry.negative].some((example) => example.text !== input);
  });
}

/**
 * Sample the guidelines of one instruction: a description paraphrase per label, names (synonyms,
 * masks), and up to `maxExamples` examples alternating positive and negative. `labels` are the chunk's
 * labels after any preference rule (a reverse rule asks the inverse relation).
 */
export function planGuidance(
  plan: PlannedInstruction,
  labels: readonly string[],
  source: SourceEntry,
  options: GuidelineOptions,
  random: SeededRandom,
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
    const entry = usableText(source.labels[label], options);
    if (!entry) continue;
    if (entry.descriptions.length > 0) guidance.descriptions.set(label, random.pick(entry.descriptions));
    const roles = new Map<string, string>();
    for (const [role, described] of Object.entries(entry.roles ?? {}))
      if (described.descriptions.length > 0) roles.set(role, random.pick(described.descriptions));
    if (roles.size > 0) guidance.roleDescriptions.set(label, roles);
    const name = variantName(label, entry, guidance.descriptions.has(label), taken, options, random);
    if (name) {
      guidance.names.set(label, name);
      taken.add(name);
    }
  }
  // A source can hold records of two kinds (CoNLL04: relations and entities); the dictionary's
  // examples are of one, and an example of another kind cannot answer this task.
  if (source.kind !== plan.task.recordKind) guidance.examples = [];
  else if (LABEL_LESS.has(plan.task.name))
    guidance.examples = pickSourceExamples(plan, source, options, random);
  else guidance.examples = pickLabelExamples(plan, labels, source, options, random);
  return guidance;
}

/** A mask for a described label, or a synonym; names already in use are never given twice. */
function variantName(
  label: string,
  entry: LabelEntry,
  described: boolean,
  taken: Set<string>,
  options: GuidelineOptions,
  random: SeededRandom,
): string | undefined {
  if (described && random.chance(options.maskRate)) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const mask = `label${random.int(1, 99)}`;
      if (!taken.has(mask)) return mask;
    }
  }
  const synonyms = entry.synonyms.filter((s) => s !== label && !taken.has(s));
  if (synonyms.length > 0 && random.chance(options.synonymRate)) return random.pick(synonyms);
  return undefined;
}

function pickLabelExamples(
  plan: PlannedInstruction,
  labels: readonly string[],
  source: SourceEntry,
  options: GuidelineOptions,
  random: SeededRandom,
): GuidelineExample[] {
  const input = plan.task.input(plan.record);
  const picked: GuidelineExample[] = [];
  const seen = new Set<string>([input]);
  for (const label of random.shuffle(labels)) {
    const entry = source.labels[label];
    if (!entry) continue;
    for (const pool of [entry.positive, entry.negative]) {
      const fresh = pool.filter((e) => !seen.has(e.text));
      if (fresh.length === 0 || picked.length >= options.maxExamples) continue;
      const example = random.pick(fresh);
      const record = exampleRecord(example, {
        kind: source.kind,
        source: plan.record.source,
        lang: plan.record.lang,
        label,
      });
      if (!record) continue;
      seen.add(example.text);
      picked.push({ record, label });
    }
  }
  return picked;
}

/** MRC and OpenIE examples fit the instruction: multiple choice with choices, extractive without. */
function sourceExamples(plan: PlannedInstruction, source: SourceEntry): DictionaryExample[] {
  const input = plan.task.input(plan.record);
  const choices = plan.chunk.plain === true;
  return [...source.positive, ...source.negative].filter(
    (e) => e.text !== input && (plan.task.name !== "MRC" || (e.choices !== undefined) === choices),
  );
}

function pickSourceExamples(
  plan: PlannedInstruction,
  source: SourceEntry,
  options: GuidelineOptions,
  random: SeededRandom,
): GuidelineExample[] {
  const candidates = sourceExamples(plan, source);
  const count = Math.min(candidates.length, random.int(1, Math.max(1, Math.min(options.maxExamples, 2))));
  return random
    .sample(candidates, count)
    .map((e) => exampleRecord(e, { kind: source.kind, source: plan.record.source, lang: plan.record.lang }))
    .filter((r): r is CanonicalRecord => r !== undefined)
    .map((record) => ({ record }));
}
