import type { Language } from "../records/index.ts";
import type { SchemaChunk, TaskSpec } from "../tasks/index.ts";
import { pythonJson } from "../util/index.ts";

/** One example of a text-style instruction, its output already written in the target format. */
export interface TextExample {
  input: string;
  question?: string;
  choices?: readonly string[];
  output: string;
}

export interface TextDecoration {
  /** The instruction's first sentence, already restating the output format. */
  sentence: string;
  /** `class: description` lines (TC, paper Table 22 C). */
  descriptions: Array<[string, string]>;
  examples: TextExample[];
}

/**
 * A compound text instruction (MRC, TC, OpenIE; paper Tables 21 C and 22 C): the basic text with its
 * first sentence restated, the class descriptions after it, then an `examples:` block, then the rest
 * (input, question, choices). A sentiment instruction with descriptions ends in `answer: `.
 */
export function compoundTextInstruction(
  task: TaskSpec,
  basicText: string,
  chunk: SchemaChunk,
  decoration: TextDecoration,
  lang: Language,
): string {
  const [, ...rest] = basicText.split("\n");
  const lines = [
    decoration.descriptions.length > 0 ? chooseWithin(decoration.sentence, chunk, lang) : decoration.sentence,
  ];
  for (const [name, description] of decoration.descriptions) lines.push(`${name}: ${description}`);
  if (decoration.examples.length > 0) {
    lines.push("examples:");
    const blocks = decoration.examples.map((example) => exampleLines(task, example).join("\n"));
    lines.push(blocks.join("\n\n"), "");
  }
  lines.push(...rest);
  if (task.name === "TC" && chunk.plain && decoration.descriptions.length > 0) lines.push("answer: ");
  return lines.join("\n");
}

function exampleLines(task: TaskSpec, example: TextExample): string[] {
  const lines = [`input: ${example.input}`];
  if (example.question !== undefined) lines.push(`question: ${example.question}`);
  if (example.choices !== undefined) lines.push(`choice: ${pythonJson(example.choices)}`);
  lines.push(`${task.name === "OpenIE" ? "output" : "answer"}: ${example.output}`);
  return lines;
}

/** Paper Table 22 C: the sentiment sentence asks to choose among the classes "within their description". */
function chooseWithin(sentence: string, chunk: SchemaChunk, lang: Language): string {
  if (!chunk.plain) return sentence;
  const quoted = chunk.labels.map((c) => JSON.stringify(c));
  if (lang === "zh")
    return sentence.replace("，直接输出", `，结合各类别的描述在${quoted.join("或")}中选择。请直接输出`);
  const choices =
    quoted.length > 1
      ? `${chunk.labels.slice(0, -1).join(", ")} or ${chunk.labels.at(-1)}`
      : chunk.labels.join("");
  return sentence.replace(
    ", directly output",
    `, then choose ${choices} within their description. Please directly output`,
  );
}
