import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";

/** Descriptions of labels (and of EE argument roles) for compound eval instructions. */
export interface LabelDescriptions {
  label(source: string, label: string): string | undefined;
  role(source: string, eventType: string, role: string): string | undefined;
}

export const NO_DESCRIPTIONS: LabelDescriptions = { label: () => undefined, role: () => undefined };

type Entry = string | { description?: string; descriptions?: string[]; arguments?: Record<string, Entry> };
type EntryMap = Record<string, Entry>;

/**
 * Read descriptions from a dictionary file (YAML or JSON). Accepted shapes, per label either a string,
 * `{description}` or `{descriptions: [first, …]}` (the first is used, so the eval set is deterministic),
 * EE types with `arguments: {role: entry}`:
 *
 *   {label: entry}                              one map for every source
 *   {labels: {label: entry}}
 *   {sources: {crossner_ai: {label: entry}}}    per source, the global maps as fallback
 *
 * Descriptions must be written by a person or an LLM from the label's definition, never mined from the
 * scored records (that would leak their answers).
 */
export function readLabelDescriptions(path: string): LabelDescriptions {
  const value = parseYaml(readFileSync(path, "utf8")) as unknown;
  if (!isMap(value)) throw new Error(`${path}: a dictionary must be a map of labels to descriptions`);
  const global: EntryMap = isMap(value.labels)
    ? (value.labels as EntryMap)
    : withoutKeys(value, ["sources", "labels"]);
  const sources = isMap(value.sources) ? (value.sources as Record<string, unknown>) : {};
  const entry = (source: string, label: string): Entry | undefined => {
    const own = sources[source];
    const mapped = isMap(own) ? ((isMap(own.labels) ? own.labels : own) as EntryMap) : undefined;
    return mapped?.[label] ?? global[label];
  };
  return {
    label: (source, label) => describe(entry(source, label)),
    role: (source, eventType, role) => {
      const event = entry(source, eventType);
      return typeof event === "object" && event.arguments ? describe(event.arguments[role]) : undefined;
    },
  };
}

function describe(entry: Entry | undefined): string | undefined {
  if (typeof entry === "string") return entry;
  return entry?.description ?? entry?.descriptions?.[0];
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function withoutKeys(value: Record<string, unknown>, keys: string[]): EntryMap {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key))) as EntryMap;
}
