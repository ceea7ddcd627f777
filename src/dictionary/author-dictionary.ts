/**
 * `hum dict author`: an LLM writes what the corpus cannot give — descriptions (several paraphrases),
 * synonyms, representative values, role descriptions of event types and inverse names of relations —
 * for every label the inputs carry, grounded in a few texts of the data that carry the label.
 *
 * Merge policy (what a person wrote always wins):
 *   - an entry with `reviewed: true` is never touched, not even its empty fields;
 *   - an entry with `reviewed: false` is "edited" as soon as any field has content: the LLM only fills
 *     the fields that are still empty (descriptions, synonyms, values, inverse, each role's
 *     descriptions) and never replaces one that has content;
 *   - labels without an entry get a new one, `reviewed: false`, for a person to review.
 * A label whose entry has nothing left to fill is not asked at all. The prompt never depends on the
 * existing dictionary, so the cache answers a repeated run whatever the dictionary holds.
 */

import { GENERATION, type LlmJob, type LlmRequest, type LlmResult } from "../llm/index.ts";
import { acceptedRecords, type DatasetInput, declaredLabels } from "../readers/index.ts";
import {
  type CanonicalRecord,
  LabelCollector,
  type LabelSet,
  type Language,
  sorted,
} from "../records/index.ts";
import { BottomK, stableId } from "../util/index.ts";
import {
  type AuthoredAnswer,
  type AuthoringCounts,
  type AuthoringTarget,
  authorAnswerSchema,
  authorMessages,
  authorPromptVersion,
  LABELED_KINDS,
  type LabelExample,
  type LabeledKind,
} from "./author-prompt.ts";
import {
  emptyLabelEntry,
  type LabelEntry,
  type SchemaDictionary,
  type SourceEntry,
} from "./dictionary-file.ts";

export interface AuthorOptions extends AuthoringCounts {
  /** Texts shown per label to ground the prompt (default 3). */
  examplesPerLabel?: number;
  /** Seeds which texts are shown. */
  seed?: number;
}

const MOST_VALUES = 5;

/** A pass over the inputs: each source's labels (sorted) and a seeded few texts per label. */
export async function collectAuthoringTargets(
  inputs: readonly DatasetInput[],
  options: AuthorOptions,
): Promise<{ targets: AuthoringTarget[]; records: number; rejected: number }> {
  const collector = new LabelCollector();
  // A source can mix kinds (CoNLL04, SciERC: relations and entities); every kind's labels are asked.
  const sources = new Map<string, { kinds: Set<LabeledKind>; lang: Language }>();
  const examples = new Map<string, BottomK<LabelExample>>();
  const perLabel = options.examplesPerLabel ?? 3;
  const counts = { records: 0, rejected: 0 };
  for await (const { record } of acceptedRecords(inputs, counts)) {
    if (!isLabeled(record)) continue;
    collector.add(record);
    const known = sources.get(record.source);
    if (known) known.kinds.add(record.kind);
    else sources.set(record.source, { kinds: new Set([record.kind]), lang: record.lang });
    for (const [label, values] of labelValues(record)) {
      const key = `${record.source}\u0000${label}`;
      let sample = examples.get(key);
      if (!sample) examples.set(key, (sample = new BottomK(perLabel)));
      sample.offer(stableId(options.seed ?? 42, record.source, label, record.text), {
        text: record.text,
        values,
      });
    }
  }
  // Labels a dataset declares (IEPile's schema.json) are described too, with the kinds they are of.
  for (const input of inputs) {
    const declared = await declaredLabels(input.path, input);
    const known = declared && sources.get(declared.source);
    if (!declared || !known) continue;
    collector.addLabels(declared.source, declared.labels);
    for (const kind of kindsOf(declared.labels)) known.kinds.add(kind);
  }
  const targets: AuthoringTarget[] = [];
  for (const source of collector.sources()) {
    const { kinds, lang } = sources.get(source)!;
    const ordered = LABELED_KINDS.filter((kind) => kinds.has(kind));
    for (const kind of ordered)
      for (const { label, roles } of labelsOfKind(kind, collector.labelSet(source)!)) {
        const sample = examples.get(`${source}\u0000${label}`)?.items() ?? [];
        targets.push({ source, kind, lang, label, roles, examples: sample });
      }
  }
  return { targets, ...counts };
}

function kindsOf(labels: LabelSet): LabeledKind[] {
  const kinds: LabeledKind[] = [];
  if (labels.entities.length > 0) kinds.push("entities");
  if (labels.relations.length > 0) kinds.push("relations");
  if (labels.events.length > 0) kinds.push("events");
  if (labels.classes.length > 0) kinds.push("classification");
  if (labels.graph.length > 0) kinds.push("graph");
  return kinds;
}

type LabeledRecord = Extract<CanonicalRecord, { kind: LabeledKind }>;

function isLabeled(record: CanonicalRecord): record is LabeledRecord {
  return (LABELED_KINDS as readonly string[]).includes(record.kind);
}

function labelsOfKind(kind: LabeledKind, labels: LabelSet): { label: string; roles: string[] }[] {
  switch (kind) {
    case "entities":
      return labels.entities.map((label) => ({ label, roles: [] }));
    case "relations":
      return labels.relations.map((r) => ({ label: r.relation, roles: [] }));
    case "events":
      return labels.events.map((e) => ({ label: e.type, roles: e.roles }));
    case "classification":
      return labels.classes.map((label) => ({ label, roles: [] }));
    case "graph":
      return labels.graph.map((g) => ({ label: g.entity_type, roles: [] }));
  }
}

/** What the record's annotation says each of its labels covers, as short strings for the prompt. */
function labelValues(record: LabeledRecord): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const add = (label: string, value?: string) => {
    const list = values.get(label) ?? [];
    if (value !== undefined && !list.includes(value)) list.push(value);
    values.set(label, list);
  };
  switch (record.kind) {
    case "entities":
      for (const e of record.entities) add(e.type, e.text);
      break;
    case "relations":
      for (const r of record.relations) add(r.relation, `${r.subject} → ${r.object}`);
      break;
    case "events":
      for (const e of record.events) {
        add(e.type, `trigger: ${e.trigger}`);
        for (const a of e.arguments) add(e.type, `${a.role}: ${a.text}`);
      }
      break;
    case "classification":
      add(record.label);
      break;
    case "graph":
      for (const e of record.entities) add(e.type, e.name);
      break;
  }
  return values;
}

/** One label to ask about, and its request. */
export interface AuthoringJob {
  target: AuthoringTarget;
  request: LlmRequest<AuthoredAnswer>;
}

/** The labels the dictionary still needs filled, in target order, each with its request. */
export function authoringJobs(
  targets: readonly AuthoringTarget[],
  dictionary: SchemaDictionary,
  counts: AuthoringCounts,
): AuthoringJob[] {
  const promptVersion = authorPromptVersion();
  return targets
    .filter((target) => needsAuthoring(dictionary.sources[target.source]?.labels[target.label], target))
    .map((target) => ({
      target,
      request: {
        messages: authorMessages(target, counts),
        params: GENERATION.dictAuthor,
        schema: authorAnswerSchema(target.kind),
        schemaName: "label_guidelines",
        promptVersion,
        id: `${target.source}/${target.label}`,
      },
    }));
}

/** The labels still to fill as one LLM job: its answers folded into a copy of the dictionary. */
export function authoringJob(
  targets: readonly AuthoringTarget[],
  dictionary: SchemaDictionary,
  counts: AuthoringCounts,
): LlmJob<AuthoredAnswer, AuthoringReport> {
  const jobs = authoringJobs(targets, dictionary, counts);
  return {
    requests: () => jobs.map((job) => job.request),
    judge: (results) => applyAuthoredAnswers(dictionary, jobs, results, counts),
  };
}

function needsAuthoring(entry: LabelEntry | undefined, target: AuthoringTarget): boolean {
  if (!entry) return true;
  if (entry.reviewed) return false;
  return emptyFields(entry, target).length > 0;
}

type Field = "descriptions" | "synonyms" | "values" | "inverse" | `role:${string}`;

function emptyFields(entry: LabelEntry, target: AuthoringTarget): Field[] {
  const fields: Field[] = [];
  if (entry.descriptions.length === 0) fields.push("descriptions");
  if (entry.synonyms.length === 0) fields.push("synonyms");
  if (entry.values.length === 0) fields.push("values");
  if (target.kind === "relations" && entry.inverse === undefined) fields.push("inverse");
  for (const role of target.roles)
    if ((entry.roles?.[role]?.descriptions.length ?? 0) === 0) fields.push(`role:${role}`);
  return fields;
}

export interface AuthoringFailure {
  source: string;
  label: string;
  reason: string;
  message: string;
  rawText: string | null;
}

export interface AuthoringReport {
  dictionary: SchemaDictionary;
  /** Labels that got at least one field filled. */
  filled: number;
  failures: AuthoringFailure[];
}

/** Folds the answers into a copy of the dictionary, filling only empty fields of unreviewed entries. */
export function applyAuthoredAnswers(
  dictionary: SchemaDictionary,
  jobs: readonly AuthoringJob[],
  results: readonly LlmResult<AuthoredAnswer>[],
  counts: AuthoringCounts,
): AuthoringReport {
  const updated: SchemaDictionary = structuredClone(dictionary);
  const failures: AuthoringFailure[] = [];
  let filled = 0;
  jobs.forEach(({ target }, index) => {
    const result = results[index];
    const where = { source: target.source, label: target.label };
    if (!result.ok) {
      failures.push({ ...where, reason: result.reason, message: result.message, rawText: result.rawText });
      return;
    }
    const answer = cleanAnswer(result.value, target, counts);
    if (answer.descriptions.length === 0) {
      failures.push({
        ...where,
        reason: "no_descriptions",
        message: "no usable description",
        rawText: result.rawText,
      });
      return;
    }
    const source = sourceEntry(updated, target);
    const entry = (source.labels[target.label] ??= emptyLabelEntry());
    if (fillEntry(entry, answer, target)) filled++;
  });
  return { dictionary: updated, filled, failures };
}

function sourceEntry(dictionary: SchemaDictionary, target: AuthoringTarget): SourceEntry {
  return (dictionary.sources[target.source] ??= {
    kind: target.kind,
    lang: target.lang,
    reviewed: false,
    positive: [],
    negative: [],
    labels: {},
  });
}

function fillEntry(entry: LabelEntry, answer: AuthoredAnswer, target: AuthoringTarget): boolean {
  const empty = new Set(emptyFields(entry, target));
  let changed = false;
  const fill = <K extends "descriptions" | "synonyms" | "values">(field: K) => {
    if (empty.has(field) && answer[field].length > 0) {
      entry[field] = answer[field];
      changed = true;
    }
  };
  fill("descriptions");
  fill("synonyms");
  fill("values");
  if (empty.has("inverse") && answer.inverse) {
    entry.inverse = answer.inverse;
    changed = true;
  }
  for (const { role, descriptions } of answer.roles ?? []) {
    if (!empty.has(`role:${role}`) || descriptions.length === 0) continue;
    entry.roles = { ...entry.roles, [role]: { descriptions } };
    changed = true;
  }
  return changed;
}

/** Trimmed, deduplicated, cut to the counts asked; synonyms never repeat the label; roles only known ones. */
function cleanAnswer(
  answer: AuthoredAnswer,
  target: AuthoringTarget,
  counts: AuthoringCounts,
): AuthoredAnswer {
  const cleaned: AuthoredAnswer = {
    descriptions: cleanList(answer.descriptions, counts.paraphrases),
    synonyms: cleanList(answer.synonyms, counts.synonyms, target.label),
    values: cleanList(answer.values, MOST_VALUES),
  };
  const inverse = answer.inverse?.trim();
  if (inverse && inverse !== target.label) cleaned.inverse = inverse;
  if (answer.roles) {
    cleaned.roles = sorted(new Set(answer.roles.map((r) => r.role.trim())))
      .filter((role) => target.roles.includes(role))
      .map((role) => ({
        role,
        descriptions: cleanList(
          answer.roles!.filter((r) => r.role.trim() === role).flatMap((r) => r.descriptions),
          counts.paraphrases,
        ),
      }));
  }
  return cleaned;
}

function cleanList(values: readonly string[], most: number, exclude?: string): string[] {
  const seen = new Set<string>();
  const list: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    const folded = value.toLowerCase();
    if (value === "" || seen.has(folded) || folded === exclude?.toLowerCase()) continue;
    seen.add(folded);
    list.push(value);
  }
  return list.slice(0, most);
}
