import type { EventsRecord, LabelSet } from "../records/index.ts";
import type { SeededRandom } from "../util/seeded-random.ts";
import { isObject, type ScoreTuple } from "./task.ts";

/** Argument values of one event: role → value, or a list when the role has several. */
export type ArgumentValues = Record<string, string | string[]>;

/** The value written for an argument the text does not have. */
export const MISSING = "NAN";

export function argumentValues(
  event: EventsRecord["events"][number],
  roles?: readonly string[],
): ArgumentValues {
  const values: ArgumentValues = {};
  for (const { role, text } of event.arguments) {
    if (roles && !roles.includes(role)) continue;
    const current = values[role];
    if (current === undefined) values[role] = text;
    else if (Array.isArray(current)) {
      if (!current.includes(text)) current.push(text);
    } else if (current !== text) values[role] = [current, text];
  }
  return values;
}

/** Every role asked gets a value: the argument, or NAN. */
export function withMissing(values: ArgumentValues, roles: readonly string[]): ArgumentValues {
  const filled: ArgumentValues = {};
  for (const role of roles) filled[role] = values[role] ?? MISSING;
  for (const [role, value] of Object.entries(values)) filled[role] ??= value;
  return filled;
}

/** Parse an argument map, dropping NAN and empty values. */
export function parseArgumentValues(value: unknown): ArgumentValues {
  if (!isObject(value)) return {};
  const values: ArgumentValues = {};
  for (const [role, raw] of Object.entries(value)) {
    const list = (Array.isArray(raw) ? raw : [raw]).filter(
      (v): v is string => typeof v === "string" && v !== MISSING && v.trim() !== "",
    );
    if (list.length === 1) values[role] = list[0];
    else if (list.length > 1) values[role] = [...new Set(list)];
  }
  return values;
}

export function valueList(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

export function argumentTuplesOf(type: string, values: ArgumentValues): ScoreTuple[] {
  return Object.entries(values).flatMap(([role, value]) => valueList(value).map((v) => [type, role, v]));
}

/**
 * The roles asked for each event type of a chunk: every role the record fills, and each other role of
 * the type with probability `negativeRatio` (all of them at the default 1), in the source's role order.
 */
export function chooseRoles(
  types: readonly string[],
  record: EventsRecord,
  labels: LabelSet,
  random: SeededRandom,
  negativeRatio: number,
): Record<string, string[]> {
  const roles: Record<string, string[]> = {};
  for (const type of types) {
    const present = new Set(
      record.events.filter((e) => e.type === type).flatMap((e) => e.arguments.map((a) => a.role)),
    );
    const known = labels.events.find((e) => e.type === type)?.roles ?? [];
    const asked = known.filter((role) => present.has(role) || random.chance(negativeRatio));
    for (const role of present) if (!asked.includes(role)) asked.push(role);
    roles[type] = asked;
  }
  return roles;
}
