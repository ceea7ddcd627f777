import type { EventsRecord } from "../records/index.ts";
import { unique } from "../util/index.ts";
import { eventTypes } from "./event-answer.ts";
import { type NerAnswer, ner } from "./ner.ts";
import { expectArray, expectObject, expectString, keyedBy, type TaskSpec } from "./task.ts";

/** EET answer: event type → its trigger words, one per mention (`["moved", "moved"]`), in record order. */
export type EetAnswer = NerAnswer;

export const eet: TaskSpec<EventsRecord, EetAnswer> = {
  name: "EET",
  recordKind: "events",
  style: "json",
  chunkSize: 4,
  template: {
    en: "You are an expert in event extraction. Please extract event types and event trigger words from the input that conform to the schema definition. Return an empty list for non-existent events. Please respond in the format of a JSON string.",
    zh: "你是专门进行事件提取的专家。请从input中抽取出符合schema定义的事件类型及事件触发词，不存在的事件返回空列表。请按照JSON字符串的格式回答。",
  },
  columns: ["event_type", "trigger"],
  applies: () => true,
  universe: (context) => eventTypes(context.labels),
  positives: (record) => unique(record.events.map((e) => e.type)),
  schema: (chunk) => chunk.labels,
  answer(record, chunk) {
    const answer = keyedBy(chunk.labels, (): string[] => []);
    for (const event of record.events)
      if (Object.hasOwn(answer, event.type)) answer[event.type].push(event.trigger);
    return answer;
  },
  renderDefault: ner.renderDefault,
  parseDefault(value, chunk) {
    const object = expectObject(value, "EET output");
    const answer = keyedBy(chunk.labels, (): string[] => []);
    for (const [type, triggers] of Object.entries(object))
      for (const trigger of expectArray(triggers, `EET output "${type}"`))
        (answer[type] ??= []).push(expectString(trigger, "a trigger"));
    return answer;
  },
  input: (record) => record.text,
  toRows: (answer) =>
    Object.entries(answer).flatMap(([event_type, triggers]) =>
      triggers.map((trigger) => ({ event_type, trigger })),
    ),
  fromRows(rows, chunk) {
    const answer = keyedBy(chunk.labels, (): string[] => []);
    for (const row of rows) (answer[row.event_type] ??= []).push(row.trigger);
    return answer;
  },
  tuples: ner.tuples,
};
