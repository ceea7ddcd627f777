import type { Language } from "../records/index.ts";
import type { TaskSpec } from "../tasks/index.ts";
import { answersEitherWay, guardParse, plainChunk, stripFence } from "./format-helpers.ts";
import type { OutputFormat } from "./output-format.ts";

/** The answer alone, as text: the choice, the extracted answer or "Not mentioned", the class. */
export const plainFormat: OutputFormat = {
  name: "plain",
  fits: (task) => answersEitherWay(task),
  state: (task, _chunk, lang) => ({ sentence: plainSentence(task, lang) }),
  value: (task, answer, chunk) => task.renderDefault(answer, plainChunk(chunk)),
  render: (task, answer, chunk) => task.renderDefault(answer, plainChunk(chunk)) as string,
  parse: (task, text, chunk) => guardParse(() => task.parseDefault(stripFence(text), plainChunk(chunk))),
};

function plainSentence(task: TaskSpec, lang: Language): string {
  if (lang === "zh")
    return task.name === "TC"
      ? "直接输出类型，不要输出任何其他内容。"
      : "直接输出答案，不要输出任何其他内容。";
  return task.name === "TC"
    ? "Directly output the type without any extra content."
    : "Directly output the answer without any extra content.";
}
