import type { Language } from "../records/index.ts";
import {
  EMPTY_LABEL_CLAUSES,
  FORMAT_CLAUSES,
  INNER_VALUE_CLAUSES,
  replaceClauses,
} from "./format-clauses.ts";
import type { FormatStatement } from "./output-format.ts";

/**
 * The instruction sentence with the format's statement in place of the template's own clauses about the
 * output (see format-clauses.ts), so an instruction never prescribes two shapes or two empty markers.
 * A statement whose scope is "instruction" replaces the whole sentence (paper Table 27).
 */
export function restateFormat(sentence: string, statement: FormatStatement, lang: Language): string {
  if (statement.scope === "instruction") return statement.sentence;
  if (statement.sentence === "") return sentence;
  const groups = statement.keepsShape
    ? [FORMAT_CLAUSES, EMPTY_LABEL_CLAUSES]
    : [FORMAT_CLAUSES, EMPTY_LABEL_CLAUSES, INNER_VALUE_CLAUSES];
  return joinSentences(replaceClauses(sentence, ...groups), statement.sentence, lang);
}

/** Two sentences joined as the language writes them: a space in English, nothing in Chinese. */
export function joinSentences(first: string, second: string, lang: Language): string {
  if (first === "") return second;
  if (second === "") return first;
  return lang === "zh" ? `${first}${second}` : `${first} ${second}`;
}
