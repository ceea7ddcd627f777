import type { EventsRecord } from "../records/index.ts";
import { unique } from "../util/index.ts";
import { eventsFromRows } from "./ee.ts";
import {
  argumentTuplesOf,
  chooseRoles,
  type EventsAnswer,
  eventsAnswer,
  eventTypes,
  parseArgumentValues,
  renderEvents,
  valueList,
} from "./event-answer.ts";
import { expectArray, expectObject, expectString, keyedBy, type TaskSpec } from "./task.ts";

/** EEA answer: event type → one event (trigger and arguments) per mention given in the schema. */
export type EeaAnswer = EventsAnswer;

/**
 * Event argument extraction in OneKE's training shape: one schema entry per event type with the
 * triggers of its mentions (`"trigger": ["裁员", "裁员"]`), and one `{"trigger", "arguments"}` entry per
 * mention in the output, `"arguments": {}` when it has none of the asked roles. The trigger list tells
 * the model how many events to write, so a mention without arguments stays as `{}` rather than being
 * dropped. See docs/iepile-fidelity.md.
 */
export const eea: TaskSpec<EventsRecord, EeaAnswer> = {
  name: "EEA",
  recordKind: "events",
  style: "json",
  chunkSize: 4,
  asksNegatives: false,
  template: {
    en: "You are an expert in event argument extraction. Please extract event arguments and their roles from the input that conform to the schema definition, which already includes event trigger words. If an argument does not exist, return NAN or an empty dictionary. Please respond in the format of a JSON string.",
    zh: "你是专门进行事件论元提取的专家。请从input中抽取出符合schema定义的事件论元及论元角色，不存在的论元返回NAN或空字典，如果论元存在多值请返回列表。请按照JSON字符串的格式回答。",
  },
  columns: ["event_type", "trigger", "role", "argument"],
  applies: (record) => record.events.length > 0,
  universe: (context) => eventTypes(context.labels),
  positives: (record) => unique(record.events.map((e) => e.type)),
  refineChunk: (labels, record, context, random, ratio, order) => ({
    labels,
    roles: chooseRoles(labels, record, context.labels, random, ratio, order),
  }),
  // Triggers in record order, as IEPile lists them; the output lists the events in text order.
  schema: (chunk, _context, record) =>
    chunk.labels.map((type) => ({
      event_type: type,
      trigger: record.events.filter((e) => e.type === type).map((e) => e.trigger),
      arguments: chunk.roles?.[type] ?? [],
    })),
  answer: (record, chunk) => eventsAnswer(record, chunk.labels, chunk.roles),
  renderDefault: (answer, chunk) =>
    keyedBy(chunk.labels, (type) => renderEvents(answer[type] ?? [], chunk.roles?.[type] ?? [])),
  parseDefault(value, chunk) {
    const object = expectObject(value, "EEA output");
    const answer: EeaAnswer = keyedBy(chunk.labels, () => []);
    for (const [type, events] of Object.entries(object)) {
      answer[type] = expectArray(events, `EEA output "${type}"`).map(readEvent);
    }
    return answer;
  },
  input: (record) => record.text,
  toRows: (answer) =>
    Object.entries(answer).flatMap(([event_type, events]) =>
      events.flatMap(({ trigger, arguments: values }) => {
        const rows = Object.entries(values).flatMap(([role, value]) =>
          valueList(value).map((argument) => ({ event_type, trigger, role, argument })),
        );
        return rows.length > 0 ? rows : [{ event_type, trigger, role: "", argument: "" }];
      }),
    ),
  fromRows: eventsFromRows,
  tuples: (answer) =>
    Object.entries(answer).flatMap(([type, events]) =>
      events.flatMap((event) => argumentTuplesOf(type, event.arguments)),
    ),
};

/** One event: `{"trigger", "arguments"}`, or a bare role map as IEPile's converter code writes it. */
function readEvent(value: unknown): EeaAnswer[string][number] {
  const event = expectObject(value, "an event");
  if (!("arguments" in event) && !("trigger" in event))
    return { trigger: "", arguments: parseArgumentValues(event) };
  const trigger = event.trigger === undefined ? "" : expectString(event.trigger, "trigger");
  return { trigger, arguments: parseArgumentValues(event.arguments) };
}
