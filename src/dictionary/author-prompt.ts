import { z } from "zod";
import type { Language } from "../records/index.ts";

/** The record kinds whose labels a dictionary describes, and what each label is called in a prompt. */
export const LABEL_NOUNS = {
  entities: { en: "entity type", zh: "实体类型" },
  relations: { en: "relation", zh: "关系" },
  events: { en: "event type", zh: "事件类型" },
  classification: { en: "class", zh: "类别" },
  graph: { en: "entity type of a knowledge graph", zh: "知识图谱实体类型" },
} as const;
export type LabeledKind = keyof typeof LABEL_NOUNS;

/** One label to describe, with a few texts from the data that carry it. */
export interface AuthoringTarget {
  source: string;
  kind: LabeledKind;
  lang: Language;
  label: string;
  /** Events: the argument roles the data has for the type. */
  roles: string[];
  examples: LabelExample[];
}

/** A text carrying the label, and what the annotation says the label covers in it. */
export interface LabelExample {
  text: string;
  values: string[];
}

export interface AuthoringCounts {
  paraphrases: number;
  synonyms: number;
}

/** Bump when the wording below changes, so earlier cached answers stop matching. */
export const AUTHOR_PROMPT_VERSION = "dict-author/1";

// Strict structured output allows neither optional properties nor free keys, so every kind has its
// own closed schema and roles come back as a list.
const common = {
  descriptions: z.array(z.string()),
  synonyms: z.array(z.string()),
  values: z.array(z.string()),
};
const PlainAnswer = z.object(common).strict();
const RelationAnswer = z.object({ ...common, inverse: z.string() }).strict();
const EventAnswer = z
  .object({
    ...common,
    roles: z.array(z.object({ role: z.string(), descriptions: z.array(z.string()) }).strict()),
  })
  .strict();

export interface AuthoredAnswer {
  descriptions: string[];
  synonyms: string[];
  values: string[];
  inverse?: string;
  roles?: { role: string; descriptions: string[] }[];
}

export function authorAnswerSchema(kind: LabeledKind): z.ZodType<AuthoredAnswer> {
  if (kind === "relations") return RelationAnswer;
  if (kind === "events") return EventAnswer;
  return PlainAnswer;
}

const EXAMPLE_CHARACTERS = 400;

export function authorMessages(target: AuthoringTarget, counts: AuthoringCounts) {
  const text = target.lang === "zh" ? chinesePrompt(target, counts) : englishPrompt(target, counts);
  return [{ role: "user" as const, content: text }];
}

function englishPrompt(target: AuthoringTarget, counts: AuthoringCounts): string {
  const noun = LABEL_NOUNS[target.kind].en;
  const lines = [
    `You are writing the annotation guidelines of an information extraction dataset ("${target.source}").`,
    `Describe the ${noun} "${target.label}" as the dataset uses it, judging from the examples below.`,
    "",
    "Return a JSON object with:",
    `- "descriptions": ${counts.paraphrases} different paraphrases of one definition of "${target.label}", each one or two sentences, usable on its own in a schema;`,
    `- "synonyms": ${counts.synonyms} other names for the ${noun} that mean the same (not the name itself);`,
    `- "values": up to 5 representative values of the ${noun}, as they would be written in a text;`,
  ];
  if (target.kind === "relations")
    lines.push(
      `- "inverse": the relation's name after swapping subject and object (e.g. "directed" ↔ "directed by");`,
    );
  if (target.kind === "events")
    lines.push(
      `- "roles": for each argument role (${target.roles.join(", ") || "none"}), {"role", "descriptions"} with ${counts.paraphrases} paraphrases of what the role holds;`,
    );
  lines.push("", "Examples:", ...exampleLines(target, "text", "annotated"));
  return lines.join("\n");
}

function chinesePrompt(target: AuthoringTarget, counts: AuthoringCounts): string {
  const noun = LABEL_NOUNS[target.kind].zh;
  const lines = [
    `你正在为信息抽取数据集（"${target.source}"）撰写标注规范。`,
    `请根据下面的例子，描述该数据集中的${noun}"${target.label}"。`,
    "",
    "返回一个JSON对象，包含：",
    `- "descriptions"：对"${target.label}"同一定义的${counts.paraphrases}种不同表述，每条一到两句，可单独用于schema；`,
    `- "synonyms"：该${noun}的${counts.synonyms}个同义名称（不含名称本身）；`,
    `- "values"：该${noun}最多5个有代表性的取值，按其在文本中的写法；`,
  ];
  if (target.kind === "relations")
    lines.push(`- "inverse"：交换主语和宾语后的关系名称（如"导演"↔"由……导演"）；`);
  if (target.kind === "events")
    lines.push(
      `- "roles"：对每个论元角色（${target.roles.join("、") || "无"}），给出{"role", "descriptions"}，含${counts.paraphrases}种该角色含义的表述；`,
    );
  lines.push("", "例子：", ...exampleLines(target, "文本", "标注"));
  return lines.join("\n");
}

function exampleLines(target: AuthoringTarget, textWord: string, valuesWord: string): string[] {
  if (target.examples.length === 0) return ["(none)"];
  return target.examples.flatMap((example, index) => {
    const lines = [`${index + 1}. ${textWord}: ${shorten(example.text)}`];
    if (example.values.length > 0) lines.push(`   ${valuesWord}: ${JSON.stringify(example.values)}`);
    return lines;
  });
}

function shorten(text: string): string {
  const characters = [...text];
  return characters.length <= EXAMPLE_CHARACTERS
    ? text
    : `${characters.slice(0, EXAMPLE_CHARACTERS).join("")}…`;
}
