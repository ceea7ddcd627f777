import { z } from "zod";
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

  /**
   * Add the labels another collector found (in a later part of the same input): the result is what one
   * collector would have found reading both parts in order.
   */
  addLabelSet(source: string, set: LabelSet): void {
    let labels = this.#sources.get(source);
    if (!labels) {
      labels = new SourceLabels();
      this.#sources.set(source, labels);
    }
    labels.addLabelSet(set);
  }

  /**
   * True when adding this parsed (not yet validated) value could change nothing: its source is known and
   * every label it carries is already collected. Then whether it is valid does not matter to the label
   * set, and a label pass can skip validating it. False whenever unsure (an unexpected shape): validate.
   */
  wouldAddNothing(value: unknown): boolean {
    if (!isObject(value) || typeof value.source !== "string") return false;
    const labels = this.#sources.get(value.source);
    return labels?.wouldAddNothing(value) === true;
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

  /** Mirrors `add` on a raw value: true only when every label it carries is here already. */
  wouldAddNothing(value: Record<string, unknown>): boolean {
    switch (value.kind) {
      case "entities":
        return everyItem(value.entities, (e) => typeof e.type === "string" && this.entities.has(e.type));
      case "relations":
        return everyItem(value.relations, (r) => {
          const known = typeof r.relation === "string" ? this.relations.get(r.relation) : undefined;
          return known !== undefined && !(!known.subject_type && r.subject_type && r.object_type);
        });
      case "events":
        return everyItem(value.events, (event) => {
          const roles = typeof event.type === "string" ? this.events.get(event.type) : undefined;
          if (!roles) return false;
          if (event.arguments === undefined) return true;
          return everyItem(event.arguments, (a) => typeof a.role === "string" && roles.has(a.role));
        });
      case "classification":
        return typeof value.label === "string" && this.classes.has(value.label);
      case "graph":
        return everyItem(value.entities, (entity) => {
          const attributes = typeof entity.type === "string" ? this.graph.get(entity.type) : undefined;
          if (!attributes) return false;
          if (entity.attributes === undefined) return true;
          return (
            isObject(entity.attributes) && Object.keys(entity.attributes).every((a) => attributes.has(a))
          );
        });
      case "tuples":
      case "qa":
      case "chat":
        return true;
      default:
        return false;
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when `list` is an array of objects that all pass `test`. */
function everyItem(list: unknown, test: (item: Record<string, unknown>) => unknown): boolean {
  return Array.isArray(list) && list.every((item) => isObject(item) && Boolean(test(item)));
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
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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
