import type { Language } from "../records/index.ts";
import type { SchemaChunk, TaskSpec } from "../tasks/index.ts";
import { pythonJson } from "../util/index.ts";
import { restoreEmptyValues } from "./empty-values.ts";
import {
  answersEitherWay,
  guardParse,
  isKeyedTask,
  jsonChunk,
  outputText,
  readJson,
} from "./format-helpers.ts";
import type { OutputFormat } from "./output-format.ts";

/**
 * JSON in the default shape. For the IE tasks it is the basic rendering; for MRC and TC it writes
 * `{"answer": …}` / `{"type": …}` even where the default is a plain answer (multiple choice, sentiment).
 */
export const jsonFormat: OutputFormat = {
  name: "json",
  fits: (task) => isKeyedTask(task) || answersEitherWay(task),
  state: (task, _chunk, lang) => ({ sentence: jsonSentence(task, lang) }),
  value: (task, answer, chunk) => task.renderDefault(answer, jsonChunk(chunk)),
  render: (task, answer, chunk) => outputText(task.renderDefault(answer, jsonChunk(chunk))),
  parse: (task, text, chunk) => parseJsonAnswer(task, readJson(text), chunk),
};

/** Read a JSON value as the task's answer, accepting any empty-value convention (`[]`, `""`, `"NAN"`, absent). */
export function parseJsonAnswer(task: TaskSpec, value: unknown, chunk: SchemaChunk): unknown {
  return guardParse(() => task.parseDefault(restoreEmptyValues(task, value), jsonChunk(chunk)));
}

function jsonSentence(task: TaskSpec, lang: Language): string {
  if (isKeyedTask(task))
    return lang === "zh" ? "请按照JSON字符串的格式回答。" : "Please respond in the format of a JSON string.";
  const shape = pythonJson(task.name === "MRC" ? { answer: "" } : { type: "" });
  return lang === "zh"
    ? `请按照JSON字符串的格式回答，如${shape}。`
    : `Please respond in the format of a JSON string such as ${shape}.`;
}
