import type { EventsRecord } from "../records/index.ts";
import { type NerAnswer, ner, unique } from "./ner.ts";
import { keyedBy, pushUnique, type TaskSpec } from "./task.ts";

/** EET answer: event type → its trigger words. */
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
  universe: (context) => context.labels.events.map((e) => e.type),
  positives: (record) => unique(record.events.map((e) => e.type)),
  schema: (chunk) => chunk.labels,
  answer(record, chunk) {
    const answer = keyedBy(chunk.labels, (): string[] => []);
    for (const event of record.events)
      if (event.type in answer) pushUnique(answer[event.type], event.trigger);
    return answer;
  },
  renderDefault: ner.renderDefault,
  parseDefault: ner.parseDefault,
  input: (record) => record.text,
  toRows: (answer) =>
    Object.entries(answer).flatMap(([event_type, triggers]) =>
      triggers.map((trigger) => ({ event_type, trigger })),
    ),
  fromRows: (rows, chunk) =>
    ner.fromRows(
      rows.map((r) => ({ type: r.event_type, entity: r.trigger })),
      chunk,
    ),
  tuples: ner.tuples,
};
