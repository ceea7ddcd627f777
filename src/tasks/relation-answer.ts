import { isObject, withKeyOrder } from "../util/index.ts";
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
  withEveryLabel,
} from "./task.ts";

/** RE and SPO answers: relation → its (subject, object) pairs, each once, in first-seen order. */
export type RelationAnswer = Record<string, Array<{ subject: string; object: string }>>;

export const RELATION_COLUMNS = ["subject", "predicate", "object"] as const;

export function addPair(answer: RelationAnswer, relation: string, subject: string, object: string): void {
  const pairs = (answer[relation] ??= []);
  if (!pairs.some((p) => p.subject === subject && p.object === object)) pairs.push({ subject, object });
}

/** The answer with a key for every label of the chunk (see `withEveryLabel`). */
export function renderRelations(answer: RelationAnswer, chunk: SchemaChunk): RelationAnswer {
  return withEveryLabel(answer, chunk.labels);
}

export function parseRelations(value: unknown, chunk: SchemaChunk, task: string): RelationAnswer {
  const object = expectObject(value, `${task} output`);
  // What a model trained on the format writes is the answer as it stands (scoring reads a million).
  if (hasKeysInOrder(object, chunk.labels) && holdsDistinctPairs(object))
    return withKeyOrder(object as RelationAnswer, chunk.labels);
  const answer: RelationAnswer = keyedBy(chunk.labels, () => []);
  for (const [relation, pairs] of Object.entries(object)) {
    answer[relation] ??= [];
    for (const pair of expectArray(pairs, `${task} output "${relation}"`)) {
      const { subject, object: target } = expectObject(pair, "a relation triple");
      addPair(answer, relation, expectString(subject, "subject"), expectString(target, "object"));
    }
  }
  return answer;
}

const PAIR_KEYS = ["subject", "object"];

/** Whether every value of an object is a list of distinct pairs of strings, as `addPair` makes them. */
function holdsDistinctPairs(answer: Record<string, unknown>): boolean {
  for (const relation in answer) {
    const pairs = answer[relation];
    if (!Array.isArray(pairs)) return false;
    for (let i = 0; i < pairs.length; i++) {
      const pair: unknown = pairs[i];
      if (!isObject(pair) || !hasKeysInOrder(pair, PAIR_KEYS)) return false;
      const { subject, object } = pair;
      if (typeof subject !== "string" || typeof object !== "string") return false;
      for (let j = 0; j < i; j++)
        if (pairs[j].subject === subject && pairs[j].object === object) return false;
    }
  }
  return true;
}

export function relationRows(answer: RelationAnswer): AnswerRow[] {
  return Object.entries(answer).flatMap(([predicate, pairs]) =>
    pairs.map(({ subject, object }) => ({ subject, predicate, object })),
  );
}

export function relationsFromRows(rows: readonly AnswerRow[], chunk: SchemaChunk): RelationAnswer {
  const answer: RelationAnswer = keyedBy(chunk.labels, () => []);
  for (const row of rows) addPair(answer, row.predicate, row.subject, row.object);
  return answer;
}

export function relationTuples(answer: RelationAnswer): ScoreTuple[] {
  const tuples: ScoreTuple[] = [];
  for (const relation in answer)
    for (const p of listAt(answer, relation)) tuples.push([p.subject, relation, p.object]);
  return tuples;
}
