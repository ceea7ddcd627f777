/**
 * The clauses of the task templates that prescribe what the output looks like, in three groups. A format
 * variant replaces them instead of adding a second prescription beside them (paper Table 35): the
 * format clause always, the clauses about labels without results always (the variant names its own empty
 * marker), and the clauses about inner values (missing arguments, multiple values) when the variant does
 * not keep the default JSON shape. The instruction linter reads the same catalogue.
 */
export interface TemplateClause {
  pattern: RegExp;
  /** What the clause becomes; a function gets the regex groups. */
  replacement: string | ((...groups: string[]) => string);
}

/** "Respond in the format of a JSON string" and its relatives, including the plain-answer clauses. */
export const FORMAT_CLAUSES: readonly TemplateClause[] = [
  { pattern: / ?(?:Please )?(?:[Rr]espond|[Aa]nswer) in the format of a JSON string\./, replacement: "" },
  { pattern: / ?The results should be output in a parsable JSON format\./, replacement: "" },
  {
    // Sentiment names its classes only in this clause: they stay (as a choice), the format goes.
    pattern: /, directly output (the answer|.+?) without any (?:extra|additional) content\./,
    replacement: (choices: string) => (choices === "the answer" ? "." : `, answering with ${choices}.`),
  },
  {
    pattern: / Return them in the format: \{.*\}, arranged in the order they appear in the text\./,
    replacement: " Return them in the order they appear in the text.",
  },
  { pattern: /请按照JSON字符串的格式回答。/, replacement: "" },
  { pattern: /，并输出为可解析的json格式。/, replacement: "。" },
  {
    pattern: /注意答案必须来自choice，直接输出答案，不要输出任何其他内容。/,
    replacement: "注意答案必须来自choice。",
  },
  {
    pattern: /，直接输出(.+?)，不要输出任何其他内容。/,
    replacement: (choices: string) => `，答案为${choices}之一。`,
  },
  { pattern: /，以如下格式返回：\{.*\}。/, replacement: "返回。" },
];

/** What the templates say about a schema label without results (`[]`). */
export const EMPTY_LABEL_CLAUSES: readonly TemplateClause[] = [
  { pattern: / ?Return an empty list if the entity type does not exist\./, replacement: "" },
  { pattern: / ?Return an empty list for relationships that do not exist\./, replacement: "" },
  { pattern: / ?Return an empty list for non-existent events\./, replacement: "" },
  {
    pattern: /Return an empty list for events that do not exist, and return NAN/,
    replacement: "Return NAN",
  },
  { pattern: /，不存在的实体类型返回空列表/, replacement: "" },
  { pattern: /，不存在的关系返回空列表/, replacement: "" },
  { pattern: /，不存在的事件返回空列表/, replacement: "" },
];

/** What the templates say about values inside a label's result: missing arguments, several values. */
export const INNER_VALUE_CLAUSES: readonly TemplateClause[] = [
  { pattern: / ?Return NAN for arguments that do not exist\./, replacement: "" },
  { pattern: / ?If an argument has multiple values, please return a list\./, replacement: "" },
  { pattern: / ?If an argument does not exist, return NAN or an empty dictionary\./, replacement: "" },
  { pattern: / ?Attributes that do not exist should not be output\./, replacement: "" },
  { pattern: / ?If an attribute has multiple values, a list should be returned\./, replacement: "" },
  { pattern: /，不存在的论元返回NAN或空字典/, replacement: "" },
  { pattern: /，不存在的论元返回NAN/, replacement: "" },
  { pattern: /，如果论元存在多值请返回列表/, replacement: "" },
  { pattern: /，不存在的属性不输出, 属性存在多值就返回列表/, replacement: "" },
];

/** The sentence with every clause of the groups replaced. */
export function replaceClauses(
  sentence: string,
  ...groups: ReadonlyArray<readonly TemplateClause[]>
): string {
  let result = sentence;
  for (const group of groups)
    for (const { pattern, replacement } of group)
      result =
        typeof replacement === "string"
          ? result.replace(pattern, replacement)
          : result.replace(pattern, (_match, ...groups: string[]) => replacement(...groups));
  return result;
}

/** The clauses of the groups that a text still holds (the linter's view). */
export function clausesIn(text: string, ...groups: ReadonlyArray<readonly TemplateClause[]>): string[] {
  const found: string[] = [];
  for (const group of groups)
    for (const { pattern } of group) {
      const match = pattern.exec(text);
      if (match) found.push(match[0].trim());
    }
  return found;
}
