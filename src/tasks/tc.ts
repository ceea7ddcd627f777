import type { ClassificationRecord, Language } from "../records/index.ts";
import { pythonJson } from "../util/index.ts";
import { expectObject, OutputShapeError, type TaskContext, type TaskSpec } from "./task.ts";

/** TC answer: the class. */
export interface TcAnswer {
  type: string;
}

const TOPIC = {
  en: "Please classify the topic of the text in input and choose the type within the scope defined in the schema.",
  zh: "请对input中文本的主题进行分类，并在schema定义的范围内选择类型。",
};

const SENTIMENT_CLASSES = new Set([
  "positive",
  "negative",
  "neutral",
  "pos",
  "neg",
  "正面",
  "负面",
  "中性",
  "积极",
  "消极",
]);

/** Text classification: a topic among the source's classes (JSON answer) or a review's sentiment (plain). */
export const tc: TaskSpec<ClassificationRecord, TcAnswer> = {
  name: "TC",
  recordKind: "classification",
  style: "text",
  template: TOPIC,
  columns: ["type"],
  applies: (_record, context) => context.labels.classes.length >= 2,
  universe: (context) => context.labels.classes,
  positives: (record) => [record.label],
  refineChunk: (labels, record, context) => ({ labels, plain: isSentiment(record, context) }),
  schema: (chunk) => chunk.labels,
  answer: (record) => ({ type: record.label }),
  textInstruction(record, chunk, context) {
    if (chunk.plain) return `${sentimentSentence(chunk.labels, context.lang)}\ninput: ${record.text}`;
    return `${TOPIC[context.lang]}\nschema: ${pythonJson(chunk.labels)}\ninput: ${record.text}`;
  },
  renderDefault: (answer, chunk) => (chunk.plain ? answer.type : { type: answer.type }),
  parseDefault(value, chunk) {
    const type = chunk.plain && typeof value === "string" ? value : expectObject(value, "TC output").type;
    if (typeof type !== "string") throw new OutputShapeError("TC type must be a string");
    return { type: type.trim() };
  },
  input: (record) => record.text,
  toRows: (answer) => [{ type: answer.type }],
  fromRows: (rows) => ({ type: rows[0]?.type ?? "" }),
  tuples: (answer) => [[answer.type]],
};

function isSentiment(record: ClassificationRecord, context: TaskContext): boolean {
  if (record.aspect) return record.aspect === "sentiment";
  return context.labels.classes.every((c) => SENTIMENT_CLASSES.has(c.toLowerCase()));
}

/** Paper Table 22's sentence, naming the source's own classes. */
export function sentimentSentence(classes: readonly string[], lang: Language): string {
  const quoted = classes.map((c) => JSON.stringify(c));
  if (lang === "zh")
    return `请分析input中评论文本所体现的情感倾向，直接输出${quoted.join("或")}，不要输出任何其他内容。`;
  const choices =
    quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}` : quoted.join("");
  return `Please analysis the emotional tendency reflected in the review text in the input, directly output ${choices} without any additional content.`;
}
