import type { RelationsRecord } from "../records/index.ts";
import { unique } from "../util/index.ts";
import { perLabelSet } from "./per-label-set.ts";
import {
  addPair,
  parseRelations,
  RELATION_COLUMNS,
  type RelationAnswer,
  relationRows,
  relationsFromRows,
  relationTuples,
  renderRelations,
} from "./relation-answer.ts";
import { keyedBy, type SchemaChunk, type TaskSpec } from "./task.ts";

export function relationAnswer(record: RelationsRecord, chunk: SchemaChunk): RelationAnswer {
  const answer: RelationAnswer = keyedBy(chunk.labels, () => []);
  for (const r of record.relations)
    if (Object.hasOwn(answer, r.relation)) addPair(answer, r.relation, r.subject, r.object);
  return answer;
}

export const re: TaskSpec<RelationsRecord, RelationAnswer> = {
  name: "RE",
  recordKind: "relations",
  style: "json",
  chunkSize: 4,
  template: {
    en: "You are an expert in relationship extraction. Please extract relationship triples that match the schema definition from the input. Return an empty list for relationships that do not exist. Please respond in the format of a JSON string.",
    zh: "你是专门进行关系抽取的专家。请从input中抽取出符合schema定义的关系三元组，不存在的关系返回空列表。请按照JSON字符串的格式回答。",
  },
  columns: RELATION_COLUMNS,
  applies: () => true,
  universe: (context) => relationNames(context.labels),
  positives: (record) => unique(record.relations.map((r) => r.relation)),
  schema: (chunk) => chunk.labels,
  answer: relationAnswer,
  renderDefault: renderRelations,
  parseDefault: (value, chunk) => parseRelations(value, chunk, "RE"),
  input: (record) => record.text,
  toRows: relationRows,
  fromRows: relationsFromRows,
  tuples: relationTuples,
};

/** The relation names of a label set, each once (made once per label set: read per record). */
const relationNames = perLabelSet(
  (labels) => labels.relations,
  (relations) => unique(relations.map((r) => r.relation)),
);
