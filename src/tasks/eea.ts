import type { EventsRecord } from "../records/index.ts";
import { addValue } from "./ee.ts";
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
  keyedBy,
  type SchemaChunk,
  type TaskSpec,
} from "./task.ts";

/** EEA answer: event type → one argument map per event mention, in the order of the schema entries. */
export type EeaAnswer = Record<string, ArgumentValues[]>;

/** Event argument extraction: the schema gives each event's type and trigger; the model finds its arguments. */
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
  columns: ["event_type", "mention", "role", "argument"],
  applies: (record) => record.events.length > 0,
  universe: (context) => context.labels.events.map((e) => e.type),
  positives: (record) => unique(record.events.map((e) => e.type)),
  refineChunk: (labels, record, context, random, ratio) => ({
    labels,
    roles: chooseRoles(labels, record, context.labels, random, ratio),
  }),
  schema: (chunk, _context, record) =>
    record.events
      .filter((e) => chunk.labels.includes(e.type))
      .map((e) => ({ event_type: e.type, trigger: e.trigger, arguments: chunk.roles?.[e.type] ?? [] })),
  answer(record, chunk) {
    const answer: EeaAnswer = keyedBy(chunk.labels, () => []);
    for (const event of record.events)
      answer[event.type]?.push(argumentValues(event, chunk.roles?.[event.type]));
    return answer;
  },
  renderDefault: (answer, chunk) =>
    keyedBy(chunk.labels, (type) =>
      (answer[type] ?? []).map((values) => withMissing(values, chunk.roles?.[type] ?? [])),
    ),
  parseDefault(value, chunk) {
    const object = expectObject(value, "EEA output");
    const answer: EeaAnswer = keyedBy(chunk.labels, () => []);
    for (const [type, mentions] of Object.entries(object)) {
      answer[type] = expectArray(mentions, `EEA output "${type}"`).map(parseArgumentValues);
    }
    return answer;
  },
  input: (record) => record.text,
  toRows: (answer) =>
    Object.entries(answer).flatMap(([event_type, mentions]) =>
      mentions.flatMap((values, index) => {
        const mention = String(index + 1);
        const rows = Object.entries(values).flatMap(([role, value]) =>
          valueList(value).map((argument) => ({ event_type, mention, role, argument })),
        );
        return rows.length > 0 ? rows : [{ event_type, mention, role: "", argument: "" }];
      }),
    ),
  fromRows(rows: readonly AnswerRow[], chunk: SchemaChunk) {
    const answer: EeaAnswer = keyedBy(chunk.labels, () => []);
    for (const row of rows) {
      const mentions = (answer[row.event_type] ??= []);
      const index = Math.max(1, Number.parseInt(row.mention, 10) || 1) - 1;
      while (mentions.length <= index) mentions.push({});
      if (row.role) addValue(mentions[index], row.role, row.argument);
    }
    return answer;
  },
  tuples: (answer) =>
    Object.entries(answer).flatMap(([type, mentions]) =>
      mentions.flatMap((values) => argumentTuplesOf(type, values)),
    ),
};
