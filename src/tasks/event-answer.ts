import type { EventsRecord, LabelSet } from "../records/index.ts";
import type { SeededRandom } from "../util/index.ts";
import { isObject } from "../util/index.ts";
import { perLabelSet } from "./per-label-set.ts";
import { orderedObject, type ScoreTuple } from "./task.ts";

/** Argument values of one event: role → value, or a list when the role has several. */
export type ArgumentValues = Record<string, string | string[]>;

/** One event of an EE or EEA answer: its trigger and the arguments the text has. */
export interface EventAnswer {
  trigger: string;
  arguments: ArgumentValues;
}

/** EE and EEA answers: event type → its events, one per mention, in the order their triggers occur. */
export type EventsAnswer = Record<string, EventAnswer[]>;

/** The value written for an argument the text does not have. */
export const MISSING = "NAN";

type Event = EventsRecord["events"][number];

/** How the schema orders labels: sorted, or shuffled with the record's generator (roles too). */
export type LabelOrder = "sorted" | "shuffled";

/**
 * The events of each asked type, one per mention even when two share type and trigger (merging them
 * would lose which argument belongs to which event). As IEPile's converter: events in the order their
 * trigger first occurs in the text (ties keep record order), only the asked roles, several values of a
 * role in text order.
 */
export function eventsAnswer(
  record: EventsRecord,
  labels: readonly string[],
  roles: Readonly<Record<string, readonly string[]>> | undefined,
): EventsAnswer {
  const answer: EventsAnswer = {};
  for (const type of labels) answer[type] = [];
  const events = byTextPosition(record.text, record.events, (e) => e.trigger);
  for (const event of events)
    answer[event.type]?.push({
      trigger: event.trigger,
      arguments: argumentValues(record.text, event, roles?.[event.type]),
    });
  return orderedObject(labels.map((type) => [type, answer[type]] as const));
}

/** Items in the order their text first occurs in `text` (stable, as Python's sort on `text.find`). */
export function byTextPosition<T>(text: string, items: readonly T[], of: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, at: text.indexOf(of(item)) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ item }) => item);
}

/** Role → value(s) of one event, limited to `roles` when given; several values of a role in text order. */
export function argumentValues(text: string, event: Event, roles?: readonly string[]): ArgumentValues {
  const lists = new Map<string, string[]>();
  for (const { role, text: value } of event.arguments) {
    if (roles && !roles.includes(role)) continue;
    const list = lists.get(role) ?? [];
    if (!list.includes(value)) list.push(value);
    lists.set(role, list);
  }
  const values: ArgumentValues = {};
  for (const [role, list] of lists) {
    const ordered = byTextPosition(text, list, (v) => v);
    values[role] = ordered.length === 1 ? ordered[0] : ordered;
  }
  return values;
}

/**
 * The argument map as IEPile writes it: every asked role in schema order, NAN where the text has none;
 * `{}` when the event has none of the asked roles.
 */
export function withMissing(values: ArgumentValues, roles: readonly string[]): ArgumentValues {
  const extra = Object.keys(values).filter((role) => !roles.includes(role));
  if (!roles.some((role) => values[role] !== undefined) && extra.length === 0) return {};
  return orderedObject([
    ...roles.map((role) => [role, values[role] ?? MISSING] as const),
    ...extra.map((role) => [role, values[role]] as const),
  ]);
}

/** The events of one type rendered as IEPile writes them (trigger, then arguments in schema order). */
export function renderEvents(events: readonly EventAnswer[], roles: readonly string[]): unknown[] {
  return events.map((e) =>
    orderedObject<unknown>([
      ["trigger", e.trigger],
      ["arguments", withMissing(e.arguments, roles)],
    ]),
  );
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

export function addValue(values: ArgumentValues, role: string, value: string): void {
  const current = values[role];
  if (current === undefined) values[role] = value;
  else if (!valueList(current).includes(value)) values[role] = [...valueList(current), value];
}

export function argumentTuplesOf(type: string, values: ArgumentValues): ScoreTuple[] {
  const tuples: ScoreTuple[] = [];
  addArgumentTuples(type, values, tuples);
  return tuples;
}

/** `argumentTuplesOf`, appended to `into` (a loop: scoring runs it on every gold answer and output). */
export function addArgumentTuples(type: string, values: ArgumentValues, into: ScoreTuple[]): void {
  for (const role in values) {
    const value = values[role];
    if (Array.isArray(value)) for (const v of value) into.push([type, role, v]);
    else into.push([type, role, value]);
  }
}

/**
 * The roles asked for each event type of a chunk, as IEPile draws them: every role the record fills,
 * plus Binomial(all roles of the type, p) absent ones drawn uniformly, at least one when the record
 * fills none, at most every absent role (all of them at the default p = 1). Sorted order keeps the
 * source's role order (code-point sorted); shuffled order shuffles the roles too, as IEPile's random mode.
 */
export function chooseRoles(
  types: readonly string[],
  record: EventsRecord,
  labels: LabelSet,
  random: SeededRandom,
  negativeRatio: number,
  order: LabelOrder = "sorted",
): Record<string, string[]> {
  const roles: Record<string, string[]> = {};
  for (const type of types) {
    const known = rolesByType(labels).get(type) ?? [];
    if (negativeRatio >= 1) {
      // Every absent role is asked (no draw is made): the type's roles, then any the record fills that
      // the label set lacks, in the record's order.
      const asked = known.slice();
      for (const event of record.events)
        if (event.type === type)
          for (const { role } of event.arguments) if (!asked.includes(role)) asked.push(role);
      roles[type] = order === "shuffled" ? random.shuffle(asked) : asked;
      continue;
    }
    const present = new Set(
      record.events.filter((e) => e.type === type).flatMap((e) => e.arguments.map((a) => a.role)),
    );
    const absent = known.filter((role) => !present.has(role));
    let count = random.binomial(known.length, negativeRatio);
    if (present.size === 0) count = Math.max(count, 1);
    count = Math.min(count, absent.length);
    const negatives = new Set(count === absent.length ? absent : random.sample(absent, count));
    const asked = known.filter((role) => present.has(role) || negatives.has(role));
    for (const role of present) if (!asked.includes(role)) asked.push(role);
    roles[type] = order === "shuffled" ? random.shuffle(asked) : asked;
  }
  return orderedObject(Object.entries(roles));
}

/** The event types of a label set, in its order (made once per label set: read per record). */
export const eventTypes = perLabelSet(
  (labels) => labels.events,
  (events) => events.map((e) => e.type),
);

/** Each event type's roles; the first entry of a type wins, as a search from the front finds it. */
const rolesByType = perLabelSet(
  (labels) => labels.events,
  (events) => {
    const roles = new Map<string, readonly string[]>();
    for (const event of events) if (!roles.has(event.type)) roles.set(event.type, event.roles);
    return roles;
  },
);
