import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { CanonicalRecord } from "../records/index.ts";
import type { ReadItem, ReadOptions } from "./reader.ts";

/** Raw tag → readable name. */
export type LabelMap = Record<string, string>;

/** A label map file: per-source maps, and names that apply to every source. */
export interface LabelMaps {
  all: LabelMap;
  bySource: Record<string, LabelMap>;
}

/**
 * The built-in names for formats whose tags are codes, by reader. The paper's instructions ask for
 * readable names ("person", "data breach", "used for"); the raw tag stays in the schema file that
 * `hum convert` writes.
 */
const BY_READER: Record<string, LabelMap> = {
  conll04: {
    Peop: "person",
    Loc: "location",
    Org: "organization",
    Other: "other",
    Work_For: "work for",
    Kill: "kill",
    OrgBased_In: "organization based in",
    Located_In: "located in",
    Live_In: "live in",
  },
  "scierc-relation": {
    "USED-FOR": "used for",
    "FEATURE-OF": "feature of",
    "HYPONYM-OF": "hyponym of",
    "PART-OF": "part of",
    "EVALUATE-FOR": "evaluate for",
    COMPARE: "compare",
    CONJUNCTION: "conjunction",
  },
  casie: {
    Databreach: "data breach",
    Phishing: "phishing",
    Ransom: "ransom",
    DiscoverVulnerability: "discover vulnerability",
    PatchVulnerability: "patch vulnerability",
    "Attack-Pattern": "attack pattern",
    Attacker: "attacker",
    Capabilities: "capabilities",
    "Compromised-Data": "compromised data",
    "Damage-Amount": "damage amount",
    Discoverer: "discoverer",
    "Issues-Addressed": "issues addressed",
    "Number-of-Data": "number of data",
    "Number-of-Victim": "number of victims",
    Patch: "patch",
    "Patch-Number": "patch number",
    "Payment-Method": "payment method",
    Place: "place",
    Price: "price",
    Purpose: "purpose",
    Releaser: "releaser",
    Supported_Platform: "supported platform",
    Time: "time",
    Tool: "tool",
    "Trusted-Entity": "trusted entity",
    Victim: "victim",
    Vulnerability: "vulnerability",
    Vulnerable_System: "vulnerable system",
    Vulnerable_System_Owner: "vulnerable system owner",
    Vulnerable_System_Version: "vulnerable system version",
  },
  phee: {
    Adverse_event: "adverse event",
    Potential_therapeutic_event: "potential therapeutic event",
  },
};

/** Built-in names for datasets read by a general reader (CoNLL), by their default source. */
const BY_SOURCE: Record<string, LabelMap> = {
  scierc: {
    ...BY_READER["scierc-relation"],
    Task: "task",
    Method: "method",
    Metric: "metric",
    Material: "material",
    OtherScientificTerm: "other scientific term",
    Generic: "generic",
  },
  mit_movie: {
    Actor: "actor",
    Award: "award",
    Character_Name: "character name",
    Director: "director",
    Genre: "genre",
    Opinion: "opinion",
    Origin: "origin",
    Plot: "plot",
    Quote: "quote",
    Relationship: "relationship",
    Soundtrack: "soundtrack",
    Year: "year",
    Ratings_Average: "ratings average",
  },
};

const LabelMapFile = z.record(
  z.string(),
  z.union([z.string().min(1), z.record(z.string(), z.string().min(1))]),
);

/**
 * A `--label-map` file (YAML or JSON): `{source: {raw: name}}`, and `raw: name` entries at the top
 * level for every source.
 */
export function readLabelMapFile(file: string): LabelMaps {
  let value: unknown;
  try {
    value = parseYaml(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: not a label map: ${(error as Error).message}`);
  }
  const parsed = LabelMapFile.safeParse(value ?? {});
  if (!parsed.success)
    throw new Error(
      `${file}: not a label map ({source: {raw: name}} or {raw: name}): ${parsed.error.issues[0]?.message}`,
    );
  const maps: LabelMaps = { all: {}, bySource: {} };
  for (const [key, entry] of Object.entries(parsed.data)) {
    if (typeof entry === "string") maps.all[key] = entry;
    else maps.bySource[key] = entry;
  }
  return maps;
}

/** The names a source's labels get: built in for the reader and source, then the user's, which win. */
export function labelMapFor(reader: string, source: string, user: LabelMaps | "none" | undefined): LabelMap {
  if (user === "none") return {};
  return { ...BY_READER[reader], ...BY_SOURCE[source], ...user?.all, ...user?.bySource[source] };
}

/** A record with its labels renamed, and each renaming applied (raw, name). */
export function mapRecordLabels(
  record: CanonicalRecord,
  map: LabelMap,
  applied: (raw: string, name: string) => void,
): CanonicalRecord {
  const name = (raw: string): string => {
    const mapped = map[raw];
    if (mapped === undefined || mapped === raw) return raw;
    applied(raw, mapped);
    return mapped;
  };
  const optional = (raw: string | undefined) => (raw === undefined ? undefined : name(raw));
  switch (record.kind) {
    case "entities":
      return { ...record, entities: record.entities.map((e) => ({ ...e, type: name(e.type) })) };
    case "relations":
      return {
        ...record,
        relations: record.relations.map((r) =>
          withoutUndefined({
            ...r,
            relation: name(r.relation),
            subject_type: optional(r.subject_type),
            object_type: optional(r.object_type),
          }),
        ),
      };
    case "events":
      return {
        ...record,
        events: record.events.map((e) => ({
          ...e,
          type: name(e.type),
          arguments: e.arguments.map((a) => ({ ...a, role: name(a.role) })),
        })),
      };
    case "classification":
      return { ...record, label: name(record.label) };
    case "graph":
      return {
        ...record,
        entities: record.entities.map((e) => ({
          ...e,
          type: name(e.type),
          attributes: Object.fromEntries(Object.entries(e.attributes).map(([k, v]) => [name(k), v])),
        })),
      };
    default:
      return record;
  }
}

/** Optional fields stay absent rather than present as undefined (the bytes written must not change). */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A `--label-map` value: a file, or `none` for raw tags; absent means the built-in names only. */
export function labelMapOption(value: string | undefined): LabelMaps | "none" | undefined {
  if (value === undefined) return undefined;
  return value === "none" ? "none" : readLabelMapFile(value);
}

/** A reader's items with their records' labels renamed (built-in names, then `options.labelMap`). */
export async function* withLabelNames(
  reader: string,
  items: AsyncIterable<ReadItem>,
  options: ReadOptions,
): AsyncIterable<ReadItem> {
  const rename = labelNamer(reader, options);
  for await (const item of items) yield rename(item);
}

/**
 * The renaming `withLabelNames` applies, one item at a time (so reading stacks no extra async layer).
 * A source whose map is empty (canonical records without --label-map) keeps its records as they are.
 */
export function labelNamer(reader: string, options: ReadOptions): (item: ReadItem) => ReadItem {
  const maps = new Map<string, LabelMap | undefined>();
  return (item) => {
    if (!item.ok) return item;
    const { source } = item.record;
    let map = maps.get(source);
    if (map === undefined && !maps.has(source)) {
      const found = labelMapFor(reader, source, options.labelMap);
      map = Object.keys(found).length > 0 ? found : undefined;
      maps.set(source, map);
    }
    if (map === undefined) return item;
    const applied = (raw: string, name: string) => options.onLabelMapped?.(source, raw, name);
    return { ...item, record: mapRecordLabels(item.record, map, applied) };
  };
}
