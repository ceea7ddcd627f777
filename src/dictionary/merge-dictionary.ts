import type { LabelEntry, SchemaDictionary, SourceEntry } from "./dictionary-file.ts";

/**
 * Fold a freshly mined dictionary into an existing one. What people (or a reviewed LLM pass) wrote is
 * kept: descriptions, synonyms, inverses and role descriptions of every entry, and whole entries marked
 * `reviewed: true`. Mined parts (examples, values) of unreviewed entries are replaced by the new ones.
 * Sources and labels only in the existing dictionary stay.
 */
export function mergeDictionaries(existing: SchemaDictionary, mined: SchemaDictionary): SchemaDictionary {
  const sources: Record<string, SourceEntry> = { ...existing.sources };
  for (const [name, fresh] of Object.entries(mined.sources)) {
    const old = existing.sources[name];
    sources[name] = old ? mergeSource(old, fresh) : fresh;
  }
  return { version: 1, sources };
}

function mergeSource(old: SourceEntry, fresh: SourceEntry): SourceEntry {
  const labels: Record<string, LabelEntry> = { ...old.labels };
  for (const [label, entry] of Object.entries(fresh.labels)) {
    const kept = old.labels[label];
    labels[label] = kept ? mergeLabel(kept, entry) : entry;
  }
  const examples = old.reviewed ? old : fresh;
  return {
    kind: old.kind,
    lang: old.lang,
    reviewed: old.reviewed,
    positive: examples.positive,
    negative: examples.negative,
    labels,
  };
}

function mergeLabel(kept: LabelEntry, fresh: LabelEntry): LabelEntry {
  if (kept.reviewed) return kept;
  const merged = { ...kept, values: fresh.values, positive: fresh.positive, negative: fresh.negative };
  return fresh.kind ? { ...merged, kind: fresh.kind } : merged;
}
