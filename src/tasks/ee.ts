import type { EventsRecord } from "../records/index.ts";
import {
  type ArgumentValues,
  argumentTuplesOf,
  argumentValues,
  chooseRoles,
  parseArgumentValues,
  valueList,
  withMissing,
} from "./event-answer.ts";
import { unique } from "./ner.ts";
import {
  type AnswerRow,
  expectArray,
  expectObject,
  expectString,
  keyedBy,
  type SchemaChunk,
  type TaskSpec,
} from "./task.ts";

/** EE answer: event type → its events (trigger and the arguments the text has). */
export type EeAnswer = Record<string, Array<{ trigger: string; arguments: ArgumentValues }>>;

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
  universe: (context) => context.labels.events.map((e) => e.type),
  positives: (record) => unique(record.events.map((e) => e.type)),
  refineChunk: (labels, record, context, random, ratio) => ({
    labels,
    roles: chooseRoles(labels, record, context.labels, random, ratio),
  }),
  schema: (chunk) =>
    chunk.labels.map((type) => ({ event_type: type, trigger: true, arguments: chunk.roles?.[type] ?? [] })),
  answer(record, chunk) {
    const answer: EeAnswer = keyedBy(chunk.labels, () => []);
    for (const event of record.events) {
      const events = answer[event.type];
      if (!events) continue;
      const values = argumentValues(event, chunk.roles?.[event.type]);
      // Mentions with the same trigger are one event to a reader of the output: merge their arguments.
      const same = events.find((e) => e.trigger === event.trigger);
      if (!same) events.push({ trigger: event.trigger, arguments: values });
      else
        for (const [role, value] of Object.entries(values))
          for (const v of valueList(value)) addValue(same.arguments, role, v);
    }
    return answer;
  },
  renderDefault: (answer, chunk) =>
    keyedBy(chunk.labels, (type) =>
      (answer[type] ?? []).map((e) => ({
        trigger: e.trigger,
        arguments: withMissing(e.arguments, chunk.roles?.[type] ?? []),
      })),
    ),
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
  fromRows(rows: readonly AnswerRow[], chunk: SchemaChunk) {
    const answer: EeAnswer = keyedBy(chunk.labels, () => []);
    for (const row of rows) {
      const events = (answer[row.event_type] ??= []);
      let event = events.find((e) => e.trigger === row.trigger);
      if (!event) events.push((event = { trigger: row.trigger, arguments: {} }));
      if (row.role) addValue(event.arguments, row.role, row.argument);
    }
    return answer;
  },
  tuples: (answer) =>
    Object.entries(answer).flatMap(([type, events]) => events.map((e) => [type, e.trigger])),
  argumentTuples: (answer) =>
    Object.entries(answer).flatMap(([type, events]) =>
      events.flatMap((e) => argumentTuplesOf(type, e.arguments)),
    ),
};

export function addValue(values: ArgumentValues, role: string, value: string): void {
  const current = values[role];
  if (current === undefined) values[role] = value;
  else if (!valueList(current).includes(value)) values[role] = [...valueList(current), value];
}
