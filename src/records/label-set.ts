import { z } from "zod";
import { compareCodePoints } from "../util/index.ts";
import type { CanonicalRecord } from "./record.ts";

/** The label universe of one source: every label an instruction over it may ask about. */
export const LabelSet = z.object({
  entities: z.array(z.string()).default([]),
  relations: z
    .array(
      z.object({
        relation: z.string(),
        subject_type: z.string().optional(),
        object_type: z.string().optional(),
      }),
    )
    .default([]),
  events: z.array(z.object({ type: z.string(), roles: z.array(z.string()).default([]) })).default([]),
  classes: z.array(z.string()).default([]),
  graph: z
    .array(z.object({ entity_type: z.string(), attributes: z.array(z.string()).default([]) }))
    .default([]),
});
export type LabelSet = z.infer<typeof LabelSet>;
export type RelationLabel = LabelSet["relations"][number];
export type EventLabel = LabelSet["events"][number];

/** The schema file beside a dataset: label sets keyed by source name. */
export const SchemaFile = z.object({ sources: z.record(z.string(), LabelSet) });
export type SchemaFile = z.infer<typeof SchemaFile>;

/** Collects label sets from records; keeps labels only, never the records. */
export class LabelCollector {
  readonly #sources = new Map<string, SourceLabels>();

  add(record: CanonicalRecord): void {
    let labels = this.#sources.get(record.source);
    if (!labels) {
      labels = new SourceLabels();
      this.#sources.set(record.source, labels);
    }
    labels.add(record);
  }

  /** Whether adding the record would change nothing: its source and every label it carries are known. */
  knows(record: CanonicalRecord): boolean {
    return this.#sources.get(record.source)?.knows(record) ?? false;
  }

  /** Labels a source declares beside its data, whether or not a record uses them. */
  addLabels(source: string, labels: LabelSet): void {
    const known = this.#sources.get(source) ?? new SourceLabels();
    this.#sources.set(source, known);
    known.addLabelSet(labels);
  }

  sources(): string[] {
    return [...this.#sources.keys()].sort();
  }

  labelSet(source: string): LabelSet | undefined {
    return this.#sources.get(source)?.toLabelSet();
  }

  toSchemaFile(): SchemaFile {
    const sources: Record<string, LabelSet> = {};
    for (const source of this.sources()) sources[source] = this.labelSet(source)!;
    return { sources };
  }
}

class SourceLabels {
  readonly entities = new Set<string>();
  readonly relations = new Map<string, RelationLabel>();
  readonly events = new Map<string, Set<string>>();
  readonly classes = new Set<string>();
  readonly graph = new Map<string, Set<string>>();

  add(record: CanonicalRecord): void {
    switch (record.kind) {
      case "entities":
        for (const entity of record.entities) this.entities.add(entity.type);
        return;
      case "relations":
        for (const r of record.relations) this.#addRelation(r);
        return;
      case "events":
        for (const event of record.events) {
          const roles = setIn(this.events, event.type);
          for (const argument of event.arguments) roles.add(argument.role);
        }
        return;
      case "classification":
        this.classes.add(record.label);
        return;
      case "graph":
        for (const entity of record.entities) {
          const attributes = setIn(this.graph, entity.type);
          for (const attribute of Object.keys(entity.attributes)) attributes.add(attribute);
        }
        return;
    }
  }

  knows(record: CanonicalRecord): boolean {
    switch (record.kind) {
      case "entities":
        return record.entities.every((entity) => this.entities.has(entity.type));
      case "relations":
        return record.relations.every((r) => {
          const known = this.relations.get(r.relation);
          // A first typed signature would name the relation's SPO entry.
          return known !== undefined && !(!known.subject_type && r.subject_type && r.object_type);
        });
      case "events":
        return record.events.every((event) => {
          const roles = this.events.get(event.type);
          return roles !== undefined && event.arguments.every((argument) => roles.has(argument.role));
        });
      case "classification":
        return this.classes.has(record.label);
      case "graph":
        return record.entities.every((entity) => {
          const attributes = this.graph.get(entity.type);
          return attributes !== undefined && Object.keys(entity.attributes).every((a) => attributes.has(a));
        });
      default:
        return true;
    }
  }

  addLabelSet(set: LabelSet): void {
    for (const e of set.entities) this.entities.add(e);
    for (const r of set.relations) this.#addRelation(r);
    for (const e of set.events) {
      const roles = setIn(this.events, e.type);
      for (const role of e.roles) roles.add(role);
    }
    for (const c of set.classes) this.classes.add(c);
    for (const g of set.graph) {
      const attributes = setIn(this.graph, g.entity_type);
      for (const attribute of g.attributes) attributes.add(attribute);
    }
  }

  /** The first typed signature seen for a relation names its SPO schema entry. */
  #addRelation(r: RelationLabel): void {
    const known = this.relations.get(r.relation);
    if (!known || (!known.subject_type && r.subject_type && r.object_type)) {
      const label: RelationLabel = { relation: r.relation };
      if (r.subject_type && r.object_type)
        Object.assign(label, { subject_type: r.subject_type, object_type: r.object_type });
      this.relations.set(r.relation, label);
    }
  }

  toLabelSet(): LabelSet {
    return {
      entities: sorted(this.entities),
      relations: sorted(this.relations.keys()).map((name) => this.relations.get(name)!),
      events: sorted(this.events.keys()).map((type) => ({ type, roles: sorted(this.events.get(type)!) })),
      classes: sorted(this.classes),
      graph: sorted(this.graph.keys()).map((type) => ({
        entity_type: type,
        attributes: sorted(this.graph.get(type)!),
      })),
    };
  }
}

function setIn(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}

/** Code-point order, independent of locale and hash order. */
export function sorted(values: Iterable<string>): string[] {
  return [...values].sort(compareCodePoints);
}

/** Union of two label sets (a schema file can extend what a pass over the data found). */
export function mergeLabelSets(a: LabelSet, b: LabelSet): LabelSet {
  const collector = new SourceLabels();
  for (const set of [a, b]) {
    for (const e of set.entities) collector.entities.add(e);
    for (const r of set.relations)
      if (!collector.relations.has(r.relation)) collector.relations.set(r.relation, r);
    for (const e of set.events) for (const role of e.roles) setIn(collector.events, e.type).add(role);
    for (const e of set.events) setIn(collector.events, e.type);
    for (const c of set.classes) collector.classes.add(c);
    for (const g of set.graph) {
      const attributes = setIn(collector.graph, g.entity_type);
      for (const attribute of g.attributes) attributes.add(attribute);
    }
  }
  return collector.toLabelSet();
}
