import type { EntitiesRecord } from "../records/index.ts";
import { unique, withKeyOrder } from "../util/index.ts";
import {
  type AnswerRow,
  expectArray,
  expectObject,
  expectString,
  hasKeysInOrder,
  keyedBy,
  listAt,
  type SchemaChunk,
  type ScoreTuple,
  type TaskSpec,
  withEveryLabel,
} from "./task.ts";

/** NER answer: entity type → the entity texts of that type, one per mention as IEPile writes them, in record order. */
export type NerAnswer = Record<string, string[]>;

export const ner: TaskSpec<EntitiesRecord, NerAnswer> = {
  name: "NER",
  recordKind: "entities",
  style: "json",
  chunkSize: 6,
  template: {
    en: "You are an expert in named entity recognition. Please extract entities that match the schema definition from the input. Return an empty list if the entity type does not exist. Please respond in the format of a JSON string.",
    zh: "你是专门进行实体抽取的专家。请从input中抽取出符合schema定义的实体，不存在的实体类型返回空列表。请按照JSON字符串的格式回答。",
  },
  columns: ["type", "entity"],
  applies: () => true,
  universe: (context) => context.labels.entities,
  positives: (record) => unique(record.entities.map((e) => e.type)),
  schema: (chunk) => chunk.labels,
  answer(record, chunk) {
    const answer = keyedBy(chunk.labels, (): string[] => []);
    for (const entity of record.entities) {
      if (Object.hasOwn(answer, entity.type)) answer[entity.type].push(entity.text);
    }
    return answer;
  },
  renderDefault: (answer, chunk) => withEveryLabel(answer, chunk.labels),
  parseDefault(value, chunk) {
    const object = expectObject(value, "NER output");
    // What a model trained on the format writes (every asked type, in order, each a list of texts) is
    // the answer as it stands: scoring reads a million of them.
    if (hasKeysInOrder(object, chunk.labels) && holdsTextLists(object))
      return withKeyOrder(object as NerAnswer, chunk.labels);
    const answer = keyedBy(chunk.labels, (): string[] => []);
    for (const [type, spans] of Object.entries(object)) {
      const list = (answer[type] ??= []);
      for (const span of expectArray(spans, `NER output "${type}"`))
        list.push(expectString(span, "an entity"));
    }
    return answer;
  },
  input: (record) => record.text,
  toRows: (answer) =>
    Object.entries(answer).flatMap(([type, spans]) => spans.map((entity) => ({ type, entity }))),
  fromRows(rows: readonly AnswerRow[], chunk: SchemaChunk) {
    const answer = keyedBy(chunk.labels, (): string[] => []);
    for (const row of rows) (answer[row.type] ??= []).push(row.entity);
    return answer;
  },
  // Loops, not flatMap: scoring derives the tuples of every gold answer and every output.
  tuples(answer) {
    const tuples: ScoreTuple[] = [];
    for (const type in answer) for (const text of listAt(answer, type)) tuples.push([type, text]);
    return tuples;
  },
};

/** Whether every value of an object is a list of strings. */
function holdsTextLists(object: Record<string, unknown>): boolean {
  for (const key in object) {
    const list = object[key];
    if (!Array.isArray(list)) return false;
    for (const item of list) if (typeof item !== "string") return false;
  }
  return true;
}
