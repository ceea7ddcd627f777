import type { CanonicalRecord } from "../records/index.ts";
import type { SchemaChunk, TaskContext, TaskSpec } from "../tasks/index.ts";
import type { Guidance } from "./guidelines.ts";
import { displayName } from "./label-renaming.ts";
import type { PreferenceRule } from "./mechanical-rules.ts";

/** What decorates the schema entries of a compound instruction. */
export interface SchemaDecoration {
  guidance?: Guidance;
  rule?: PreferenceRule;
}

type Entry = Record<string, unknown>;

/**
 * The schema of a compound IE instruction (paper Tables 17–20, 31, 34): with guidelines the entries
 * become objects carrying a description (`{"entity_type", "description"}`, `{"relation", …}`, EE
 * arguments `{"argument", "description"}`, EET a `{label: description}` map); a preference rule adds a
 * `rule` to its label's entry. Labels appear under their shown names. `chunk` holds the labels as
 * annotated (after a reverse rule, the inverse relation).
 */
export function compoundSchema(
  task: TaskSpec,
  chunk: SchemaChunk,
  context: TaskContext,
  record: CanonicalRecord,
  { guidance, rule }: SchemaDecoration,
): unknown {
  if (!guidance && !rule) return task.schema(chunk, context, record);
  const names = guidance?.names ?? new Map<string, string>();
  const name = (label: string) => displayName(names, label);
  const extra = (label: string): Entry => {
    const entry: Entry = {};
    const description =
      rule?.label === label && rule.description ? rule.description : guidance?.descriptions.get(label);
    if (description !== undefined) entry.description = description;
    if (rule?.label === label) entry.rule = rule.sentence;
    return entry;
  };
  const roles = (label: string, asked: readonly string[]) => {
    if (!guidance) return asked;
    const described = guidance.roleDescriptions.get(label);
    return asked.map((role) => {
      const description = described?.get(role);
      return description === undefined ? { argument: role } : { argument: role, description };
    });
  };
  switch (task.name) {
    case "NER":
      return chunk.labels.map((l) => ({ entity_type: name(l), ...extra(l) }));
    case "RE":
      return chunk.labels.map((l) => ({ relation: name(l), ...extra(l) }));
    case "SPO":
      return chunk.labels.map((l) => {
        const { subject_type, object_type } = spoSignature(l, context, rule);
        return { subject_type, predicate: name(l), object_type, ...extra(l) };
      });
    case "EET":
      if (guidance && !rule)
        return Object.fromEntries(chunk.labels.map((l) => [name(l), guidance.descriptions.get(l) ?? ""]));
      return chunk.labels.map((l) => ({ event_type: name(l), ...extra(l) }));
    case "EE":
      return chunk.labels.map((l) => ({
        event_type: name(l),
        trigger: true,
        ...extra(l),
        arguments: roles(l, chunk.roles?.[l] ?? []),
      }));
    case "EEA":
    case "KGE":
      return (task.schema(chunk, context, record) as Entry[]).map((base) => {
        const label = String(base.event_type ?? base.entity_type);
        const { arguments: asked, attributes, ...head } = base;
        const decorated: Entry = {
          ...head,
          ...(base.event_type !== undefined ? { event_type: name(label) } : { entity_type: name(label) }),
          ...extra(label),
        };
        if (asked !== undefined) decorated.arguments = roles(label, asked as string[]);
        if (attributes !== undefined) decorated.attributes = attributes;
        return decorated;
      });
    default:
      return task.schema(chunk, context, record);
  }
}

/** SPO entries name the predicate's types; a reversed predicate swaps those of the relation it inverts. */
function spoSignature(label: string, context: TaskContext, rule: PreferenceRule | undefined): Entry {
  const reversed = rule?.label === label ? rule.reversedFrom : undefined;
  const signature = context.labels.relations.find((r) => r.relation === (reversed ?? label));
  const subject = signature?.subject_type ?? "";
  const object = signature?.object_type ?? "";
  return reversed
    ? { subject_type: object, object_type: subject }
    : { subject_type: subject, object_type: object };
}
