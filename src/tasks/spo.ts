import type { RelationsRecord } from "../records/index.ts";
import { perLabelSet } from "./per-label-set.ts";
import { re, relationAnswer } from "./re.ts";
import type { RelationAnswer } from "./relation-answer.ts";
import type { TaskSpec } from "./task.ts";

/**
 * SPO: relation extraction whose schema names the subject and object types. Derived from relation
 * records whose relations all carry both types; the source's typed signature names each entry.
 */
export const spo: TaskSpec<RelationsRecord, RelationAnswer> = {
  ...re,
  name: "SPO",
  template: {
    en: "You are an expert specializing in the extraction of SPO triplets. Please extract triplets from the input that conform to the defined schema. Return an empty list for relationships that do not exist. Please respond in the format of a JSON string.",
    zh: re.template.zh,
  },
  applies: (record, context) =>
    record.relations.every((r) => r.subject_type && r.object_type) &&
    context.labels.relations.some((r) => r.subject_type && r.object_type),
  universe: (context) => typedRelationNames(context.labels),
  schema: (chunk, context) =>
    chunk.labels.map((predicate) => {
      const signature = context.labels.relations.find((r) => r.relation === predicate);
      return {
        subject_type: signature?.subject_type ?? "",
        predicate,
        object_type: signature?.object_type ?? "",
      };
    }),
  answer: relationAnswer,
  parseDefault: (value, chunk) => re.parseDefault(value, chunk),
};

/** The relations of a label set with a typed signature (made once per label set: read per record). */
const typedRelationNames = perLabelSet(
  (labels) => labels.relations,
  (relations) => relations.filter((r) => r.subject_type && r.object_type).map((r) => r.relation),
);
