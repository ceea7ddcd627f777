import type { Language } from "../records/index.ts";
import { applyEmptyConvention, type EmptyConvention, restoreEmptyValues } from "./empty-values.ts";
import { guardParse, isKeyedTask, outputText, readJson } from "./format-helpers.ts";
import type { OutputFormat } from "./output-format.ts";

const SENTENCES: Record<Exclude<EmptyConvention, "list">, Record<Language, string>> = {
  "empty-string": {
    en: 'Please respond in the format of a JSON string, and write "" for a schema item that has no result.',
    zh: '请按照JSON字符串的格式回答，没有结果的schema项返回""。',
  },
  nan: {
    en: 'Please respond in the format of a JSON string, and write "NAN" for a schema item that has no result.',
    zh: '请按照JSON字符串的格式回答，没有结果的schema项返回"NAN"。',
  },
  omit: {
    en: "Please respond in the format of a JSON string, and leave out any schema item that has no result.",
    zh: "请按照JSON字符串的格式回答，没有结果的schema项不要输出。",
  },
};

/** JSON in the default shape, but a label without results is `""`, `"NAN"` or left out instead of `[]`. */
function jsonWithEmpty(name: string, convention: Exclude<EmptyConvention, "list">): OutputFormat {
  return {
    name,
    fits: (task) => isKeyedTask(task),
    state: (_task, _chunk, lang) => ({ sentence: SENTENCES[convention][lang], keepsShape: true }),
    value: (task, answer, chunk) => applyEmptyConvention(task.renderDefault(answer, chunk), convention),
    render: (task, answer, chunk) =>
      outputText(applyEmptyConvention(task.renderDefault(answer, chunk), convention)),
    parse: (task, text, chunk) =>
      guardParse(() => task.parseDefault(restoreEmptyValues(task, readJson(text)), chunk)),
  };
}

export const jsonEmptyStringFormat = jsonWithEmpty("json-empty-string", "empty-string");
export const jsonNanFormat = jsonWithEmpty("json-nan", "nan");
export const jsonOmitEmptyFormat = jsonWithEmpty("json-omit-empty", "omit");
