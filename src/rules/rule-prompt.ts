import { z } from "zod";
import type { ChatMessage } from "../llm/index.ts";
import type { RuleCandidate } from "./rule-candidate.ts";
import type { Strategy, StrategyExample } from "./strategies.ts";

/** Bump when the wording below changes, so earlier cached answers stop matching. */
export const RULE_PROMPT_VERSION = "rules/1";

/** What the model returns (Figure 3's four fields). */
export interface RuleAnswer {
  schema_description: string;
  original_rule: string;
  new_rule: string;
  new_labels: unknown[];
}

const fields = { schema_description: z.string(), original_rule: z.string(), new_rule: z.string() };
const SpanRuleAnswer = z.object({ ...fields, new_labels: z.array(z.string()) }).strict();
const PairRuleAnswer = z
  .object({ ...fields, new_labels: z.array(z.object({ subject: z.string(), object: z.string() }).strict()) })
  .strict();

/** Span labels come back as strings, relation labels as subject-object pairs. */
export function ruleAnswerSchema(candidate: RuleCandidate): z.ZodType<RuleAnswer> {
  return candidate.pairs === null ? SpanRuleAnswer : PairRuleAnswer;
}

const TASK_TITLES = {
  NER: { en: "NER", zh: "命名实体识别" },
  RE: { en: "relation extraction", zh: "关系抽取" },
  EET: { en: "event trigger extraction", zh: "事件触发词抽取" },
} as const;

/** The Figure 3 prompt: schema with its description, text, labels, a strategy and two examples. */
export function ruleMessages(
  candidate: RuleCandidate,
  strategy: Strategy,
  description: string,
): ChatMessage[] {
  const content =
    candidate.lang === "zh"
      ? chinese(candidate, strategy, description)
      : english(candidate, strategy, description);
  return [{ role: "user", content }];
}

function english(candidate: RuleCandidate, strategy: Strategy, description: string): string {
  const pairs = candidate.pairs !== null;
  return [
    `You are an expert of ${TASK_TITLES[candidate.task].en}. In order to improve the model's compliance with instructions, please give the description of the given schema, and generate the annotation rule, follow by which the original output meets. Then read the modification strategy and 2 examples given as follows, determine whether it is possible to make slight adjustments to the origin rule to generate a new rule, and return annotated result that complies with the new rule.`,
    `Every new label must be copied exactly from the text${pairs ? ' and be a {"subject", "object"} pair' : ""}, and the new labels must differ from the original ones. If no adjustment is possible, return an empty new_rule.`,
    "",
    `Modification Strategy: #${strategy.title.en}: ${strategy.description.en}`,
    "Examples:",
    ...strategy.examples.en.map((example, index) => exampleText(example, index, EN_WORDS)),
    "",
    `Text: ${candidate.text}`,
    `Schema: ${candidate.label}`,
    `Schema Description: ${description || "(none)"}`,
    `Label: ${JSON.stringify(candidate.pairs ?? candidate.spans)}`,
    "",
    'Answer with a JSON object: {"schema_description": …, "original_rule": …, "new_rule": …, "new_labels": […]}.',
  ].join("\n");
}

function chinese(candidate: RuleCandidate, strategy: Strategy, description: string): string {
  const pairs = candidate.pairs !== null;
  return [
    `你是${TASK_TITLES[candidate.task].zh}专家。为了提高模型对指令的遵循能力，请给出所给schema的描述，并生成原始输出所遵循的标注规则。然后阅读下面的修改策略和2个例子，判断能否对原规则稍作调整得到一条新规则，并返回符合新规则的标注结果。`,
    `每个新标注都必须从文本中原样复制${pairs ? '，并且是{"subject", "object"}对' : ""}，新标注必须与原标注不同。如果无法调整，new_rule返回空字符串。`,
    "",
    `修改策略：#${strategy.title.zh}：${strategy.description.zh}`,
    "例子：",
    ...strategy.examples.zh.map((example, index) => exampleText(example, index, ZH_WORDS)),
    "",
    `文本：${candidate.text}`,
    `Schema：${candidate.label}`,
    `Schema描述：${description || "（无）"}`,
    `标注：${JSON.stringify(candidate.pairs ?? candidate.spans)}`,
    "",
    '请用JSON对象回答：{"schema_description": …, "original_rule": …, "new_rule": …, "new_labels": […]}。',
  ].join("\n");
}

const EN_WORDS = {
  text: "Text",
  schema: "Schema",
  labels: "Label",
  rule: "New Rule",
  newLabels: "New Label",
  colon: ": ",
};
const ZH_WORDS = {
  text: "文本",
  schema: "Schema",
  labels: "标注",
  rule: "新规则",
  newLabels: "新标注",
  colon: "：",
};

function exampleText(example: StrategyExample, index: number, words: typeof EN_WORDS): string {
  const c = words.colon;
  return [
    `${index + 1}. ${words.text}${c}${example.text}`,
    `   ${words.schema}${c}${example.schema}`,
    `   ${words.labels}${c}${JSON.stringify(example.labels)}`,
    `   ${words.rule}${c}${example.newRule}`,
    `   ${words.newLabels}${c}${JSON.stringify(example.newLabels)}`,
  ].join("\n");
}
