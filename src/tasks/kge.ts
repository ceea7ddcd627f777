import type { GraphRecord } from "../records/index.ts";
import { unique } from "../util/index.ts";
import {
  type ArgumentValues,
  addValue,
  byTextPosition,
  parseArgumentValues,
  valueList,
} from "./event-answer.ts";
import { perLabelSet } from "./per-label-set.ts";
import {
  type AnswerRow,
  expectObject,
  keyedBy,
  orderedObject,
  type SchemaChunk,
  type TaskContext,
  type TaskSpec,
} from "./task.ts";

/** KGE answer: entity type → entity name → attribute → value or values. */
export type KgeAnswer = Record<string, Record<string, ArgumentValues>>;

function attributesOf(type: string, context: TaskContext): string[] {
  return context.labels.graph.find((g) => g.entity_type === type)?.attributes ?? [];
}

export const kge: TaskSpec<GraphRecord, KgeAnswer> = {
  name: "KGE",
  recordKind: "graph",
  style: "json",
  chunkSize: 1,
  template: {
    en: "You are an expert in structured knowledge systems for graph entities. Based on the schema description of the input entity type, you extract the corresponding entity instances and their attribute information from the text. Attributes that do not exist should not be output. If an attribute has multiple values, a list should be returned. The results should be output in a parsable JSON format.",
    zh: "你是一个图谱实体知识结构化专家。根据输入实体类型(entity type)的schema描述，从文本中抽取出相应的实体实例和其属性信息，不存在的属性不输出, 属性存在多值就返回列表，并输出为可解析的json格式。",
  },
  columns: ["entity_type", "entity", "attribute", "value"],
  applies: () => true,
  universe: (context) => entityTypes(context.labels),
  positives: (record) => unique(record.entities.map((e) => e.type)),
  // The chunk carries each type's attributes (schema order), so rendering needs no context.
  refineChunk: (labels, _record, context) => ({
    labels,
    roles: orderedObject(labels.map((type) => [type, attributesOf(type, context)] as const)),
  }),
  schema: (chunk, context) =>
    chunk.labels.map((type) => ({
      entity_type: type,
      attributes: chunk.roles?.[type] ?? attributesOf(type, context),
    })),
  answer(record, chunk) {
    const answer: KgeAnswer = keyedBy(chunk.labels, () => ({}));
    for (const entity of record.entities) {
      const byName = answer[entity.type];
      if (!byName || !Object.hasOwn(answer, entity.type)) continue;
      const values = (byName[entity.name] ??= {});
      for (const [attribute, value] of Object.entries(entity.attributes))
        for (const v of valueList(value)) addValue(values, attribute, v);
    }
    for (const type of chunk.labels) answer[type] = inTextOrder(record.text, answer[type]);
    return answer;
  },
  /** As IEPile's converter: entities in text order, attributes in schema order, several values in text order. */
  renderDefault: (answer, chunk) =>
    keyedBy(chunk.labels, (type) =>
      orderedObject(
        Object.entries(answer[type] ?? {}).map(([name, values]) => [
          name,
          schemaOrdered(values, chunk.roles?.[type] ?? []),
        ]),
      ),
    ),
  parseDefault(value, chunk) {
    const object = expectObject(value, "KGE output");
    const answer: KgeAnswer = keyedBy(chunk.labels, () => ({}));
    for (const [type, entities] of Object.entries(object)) {
      const byName: Record<string, ArgumentValues> = (answer[type] = {});
      for (const [name, attributes] of Object.entries(expectObject(entities, `KGE output "${type}"`)))
        byName[name] = parseArgumentValues(attributes);
    }
    return answer;
  },
  input: (record) => record.text,
  toRows: (answer) =>
    Object.entries(answer).flatMap(([entity_type, byName]) =>
      Object.entries(byName).flatMap(([entity, values]) => {
        const rows = Object.entries(values).flatMap(([attribute, value]) =>
          valueList(value).map((v) => ({ entity_type, entity, attribute, value: v })),
        );
        return rows.length > 0 ? rows : [{ entity_type, entity, attribute: "", value: "" }];
      }),
    ),
  fromRows(rows: readonly AnswerRow[], chunk: SchemaChunk) {
    const answer: KgeAnswer = keyedBy(chunk.labels, () => ({}));
    for (const row of rows) {
      const values = ((answer[row.entity_type] ??= {})[row.entity] ??= {});
      if (row.attribute) addValue(values, row.attribute, row.value);
    }
    return answer;
  },
  tuples: (answer) =>
    Object.entries(answer).flatMap(([type, byName]) =>
      Object.entries(byName).flatMap(([name, values]) => [
        [type, name],
        ...Object.entries(values).flatMap(([attribute, value]) =>
          valueList(value).map((v) => [type, name, attribute, v]),
        ),
      ]),
    ),
};

/** Entities in the order their name first occurs in the text; each one's values in text order too. */
function inTextOrder(text: string, byName: Record<string, ArgumentValues>): Record<string, ArgumentValues> {
  const names = byTextPosition(text, Object.keys(byName), (name) => name);
  return orderedObject(
    names.map((name) => {
      const values: ArgumentValues = {};
      for (const [attribute, value] of Object.entries(byName[name])) {
        const list = byTextPosition(text, valueList(value), (v) => v);
        values[attribute] = list.length === 1 ? list[0] : list;
      }
      return [name, values] as const;
    }),
  );
}

/** Attributes in schema order (any the schema lacks after them); `{}` for an entity without one. */
function schemaOrdered(values: ArgumentValues, attributes: readonly string[]): ArgumentValues {
  const keys = [
    ...attributes.filter((a) => values[a] !== undefined),
    ...Object.keys(values).filter((a) => !attributes.includes(a)),
  ];
  return orderedObject(keys.map((key) => [key, values[key]] as const));
}

/** The entity types of a label set's graph labels (made once per label set: read per record). */
const entityTypes = perLabelSet(
  (labels) => labels.graph,
  (graph) => graph.map((g) => g.entity_type),
);
