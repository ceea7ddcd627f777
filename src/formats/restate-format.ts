import type { Language } from "../records/index.ts";
import type { FormatStatement } from "./output-format.ts";

/**
 * The closing clauses of the task templates that name the answer format. A format variant removes the
 * clause and states its own format instead, so an instruction never asks for two formats at once.
 */
const FORMAT_CLAUSES: ReadonlyArray<readonly [RegExp, string]> = [
  [/ ?(?:Please )?(?:respond|answer) in the format of a JSON string\./, ""],
  [/ ?The results should be output in a parsable JSON format\./, ""],
  [/, directly output (?:the answer|.+?) without any (?:extra|additional) content\./, "."],
  [
    / Return them in the format: \{.*\}, arranged in the order they appear in the text\./,
    " Return them in the order they appear in the text.",
  ],
  [/请按照JSON字符串的格式回答。/, ""],
  [/，并输出为可解析的json格式。/, "。"],
  [/，直接输出.+?，不要输出任何其他内容。/, "。"],
  [/注意答案必须来自choice，直接输出答案，不要输出任何其他内容。/, "注意答案必须来自choice。"],
  [/，以如下格式返回：\{.*\}。/, "返回。"],
];

/**
 * The instruction sentence with the format's statement in place of the template's own format clause.
 * A statement whose scope is "instruction" replaces the whole sentence (paper Table 27).
 */
export function restateFormat(sentence: string, statement: FormatStatement, lang: Language): string {
  if (statement.scope === "instruction") return statement.sentence;
  if (statement.sentence === "") return sentence;
  let stripped = sentence;
  for (const [clause, replacement] of FORMAT_CLAUSES) stripped = stripped.replace(clause, replacement);
  return joinSentences(stripped, statement.sentence, lang);
}

/** Two sentences joined as the language writes them: a space in English, nothing in Chinese. */
export function joinSentences(first: string, second: string, lang: Language): string {
  if (first === "") return second;
  if (second === "") return first;
  return lang === "zh" ? `${first}${second}` : `${first} ${second}`;
}
