import type { EventsRecord } from "../records/index.ts";
import { unique } from "../util/index.ts";
import {
  addArgumentTuples,
  addValue,
  chooseRoles,
  type EventsAnswer,
  eventsAnswer,
  eventTypes,
  parseArgumentValues,
  renderEvents,
  valueList,
} from "./event-answer.ts";
import {
  type AnswerRow,
  expectArray,
  expectObject,
  expectString,
  keyedBy,
  listAt,
  type SchemaChunk,
  type ScoreTuple,
  type TaskSpec,
} from "./task.ts";

/** EE answer: event type → its events (trigger and the arguments the text has), one per mention. */
export type EeAnswer = EventsAnswer;

export const ee: TaskSpec<EventsRecord, EeAnswer> = {
  name: "EE",
  recordKind: "events",
  style: "json",
  chunkSize: 4,
  template: {
    en: "You are an expert in event extraction. Please extract events from the input that conform to the schema definition. Return an empty list for events that do not exist, and return NAN for arguments that do not exist. If an argument has multiple values, please return a list. Respond in the format of a JSON string.",
    zh: "你是专门进行事件提取的专家。请从input中抽取出符合schema定义的事件，不存在的事件返回空列表，不存在的论元返回NAN，如果论元存在多值请返回列表。请按照JSON字符串的格式回答。",
  },
  columns: ["event_type", "trigger", "role", "argument"],
  applies: () => true,
  universe: (context) => eventTypes(context.labels),
  positives: (record) => unique(record.events.map((e) => e.type)),
  refineChunk: (labels, record, context, random, ratio, order) => ({
    labels,
    roles: chooseRoles(labels, record, context.labels, random, ratio, order),
  }),
  schema: (chunk) =>
    chunk.labels.map((type) => ({ event_type: type, trigger: true, arguments: chunk.roles?.[type] ?? [] })),
  answer: (record, chunk) => eventsAnswer(record, chunk.labels, chunk.roles),
  renderDefault: (answer, chunk) =>
    keyedBy(chunk.labels, (type) => renderEvents(answer[type] ?? [], chunk.roles?.[type] ?? [])),
  parseDefault(value, chunk) {
    const object = expectObject(value, "EE output");
    const answer: EeAnswer = keyedBy(chunk.labels, () => []);
    for (const [type, events] of Object.entries(object)) {
      const list = (answer[type] ??= []);
      for (const event of expectArray(events, `EE output "${type}"`)) {
        const { trigger, arguments: values } = expectObject(event, "an event");
        list.push({ trigger: expectString(trigger, "trigger"), arguments: parseArgumentValues(values) });
      }
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
  tuples(answer) {
    const tuples: ScoreTuple[] = [];
    for (const type in answer) for (const e of listAt(answer, type)) tuples.push([type, e.trigger]);
    return tuples;
  },
  argumentTuples(answer) {
    const tuples: ScoreTuple[] = [];
    for (const type in answer)
      for (const e of listAt(answer, type)) addArgumentTuples(type, e.arguments, tuples);
    return tuples;
  },
};

/**
 * Events from flat rows (event_type, trigger, role, argument). Rows do not say which mention a row
 * belongs to: consecutive rows of one type and trigger are one event, so two mentions sharing type and
 * trigger written one after the other read back as one event (JSON keeps them apart).
 */
export function eventsFromRows(rows: readonly AnswerRow[], chunk: SchemaChunk): EeAnswer {
  const answer: EeAnswer = keyedBy(chunk.labels, () => []);
  let last: { type: string; event: EeAnswer[string][number] } | undefined;
  for (const row of rows) {
    if (last?.type !== row.event_type || last.event.trigger !== row.trigger) {
      const event = { trigger: row.trigger, arguments: {} };
      (answer[row.event_type] ??= []).push(event);
      last = { type: row.event_type, event };
    }
    if (row.role) addValue(last.event.arguments, row.role, row.argument);
  }
  return answer;
}
