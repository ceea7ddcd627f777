import type { Language } from "../records/index.ts";
import type { SchemaChunk, TaskSpec } from "../tasks/index.ts";
import { isObject } from "../util/index.ts";

/** One example of an instruction: its input text and its output (a JSON value or text). */
export interface ExamplePart {
  input: string;
  output: unknown;
  /** Multiple choice examples: their own choices. */
  choices?: string[];
}

/** An instruction taken apart: the sentence that prescribes the output, schema entries, examples. */
export interface InstructionParts {
  /** The instruction sentence(s): the IE `instruction` field, or a text instruction's leading lines. */
  sentence: string;
  /** IE schema entries (objects or names); empty for text tasks. */
  schema: unknown;
  examples: ExamplePart[];
  outputFormat?: unknown;
  /** Text tasks: the lines between the sentence and the examples (class descriptions). */
  descriptions: string[];
  /** Text tasks: the lines after the examples (input, question, choice, answer). */
  tail: string[];
}

/** Take an instruction apart; throws when an IE instruction is not the JSON object it must be. */
export function instructionParts(task: TaskSpec, instruction: string): InstructionParts {
  if (task.style === "json") {
    const fields = JSON.parse(instruction) as Record<string, unknown>;
    if (!isObject(fields) || typeof fields.instruction !== "string")
      throw new Error("an IE instruction must be a JSON object with an instruction string");
    const examples = Array.isArray(fields.example)
      ? fields.example.map((e) => ({
          input: String((e as ExamplePart).input),
          output: (e as ExamplePart).output,
        }))
      : [];
    return {
      sentence: fields.instruction,
      schema: fields.schema,
      examples,
      outputFormat: fields.output_format,
      descriptions: [],
      tail: [],
    };
  }
  return textParts(instruction);
}

const ANSWER_LINE = /^(?:answer|output): ?/;

/** Text instructions: sentence, `name: description` lines, `examples:` blocks, then input and the rest. */
function textParts(instruction: string): InstructionParts {
  const lines = instruction.split("\n");
  const examplesAt = lines.indexOf("examples:");
  const head = examplesAt >= 0 ? lines.slice(0, examplesAt) : lines.slice(0, firstInputLine(lines));
  const parts: InstructionParts = {
    sentence: head[0] ?? "",
    schema: [],
    examples: [],
    descriptions: head.slice(1),
    tail: [],
  };
  if (examplesAt < 0) {
    parts.tail = lines.slice(head.length);
    return parts;
  }
  const blocks = lines
    .slice(examplesAt + 1)
    .join("\n")
    .split("\n\n");
  let index = 0;
  for (; index < blocks.length; index++) {
    const block = blocks[index].split("\n");
    const answerAt = block.findIndex((line) => ANSWER_LINE.test(line));
    if (answerAt < 0) break;
    const input = block.find((line) => /^input: ?/i.test(line))?.replace(/^input: ?/i, "") ?? "";
    const choiceLine = block.find((line) => line.startsWith("choice: "));
    const example: ExamplePart = {
      input,
      output: [block[answerAt].replace(ANSWER_LINE, ""), ...block.slice(answerAt + 1)].join("\n"),
    };
    if (choiceLine) example.choices = JSON.parse(choiceLine.slice("choice: ".length)) as string[];
    parts.examples.push(example);
  }
  parts.tail = blocks
    .slice(index)
    .join("\n\n")
    .split("\n")
    .filter((line) => line !== "");
  return parts;
}

function firstInputLine(lines: string[]): number {
  const at = lines.findIndex((line, i) => i > 0 && /^(?:input|Input|schema): ?/.test(line));
  return at < 0 ? lines.length : at;
}

/**
 * The chunk an instruction asks: given by eval records; otherwise the label's keys (IE answers are keyed
 * by every asked label, in order), EE/EEA roles from the schema, and whether MRC/TC answer in plain text.
 */
export function chunkOf(
  task: TaskSpec,
  parts: InstructionParts,
  label: unknown,
  plainOutput: boolean,
  lang: Language = "en",
): SchemaChunk {
  if (task.style === "json") {
    const chunk: SchemaChunk = { labels: isObject(label) ? Object.keys(label) : [] };
    const roles = rolesOf(parts.schema);
    if (roles) chunk.roles = roles;
    return chunk;
  }
  if (task.name === "MRC") {
    const choice = parts.tail.find((line) => line.startsWith("choice: "));
    const chunk: SchemaChunk = choice
      ? { labels: JSON.parse(choice.slice("choice: ".length)), plain: true }
      : { labels: [] };
    if (lang !== "en") chunk.lang = lang;
    return chunk;
  }
  if (task.name === "TC") return { labels: [], plain: plainOutput };
  return { labels: [] };
}

function rolesOf(schema: unknown): Record<string, string[]> | undefined {
  if (!Array.isArray(schema)) return undefined;
  const roles: Record<string, string[]> = {};
  let found = false;
  for (const entry of schema) {
    if (!isObject(entry) || typeof entry.event_type !== "string" || !Array.isArray(entry.arguments)) continue;
    found = true;
    const names = entry.arguments.map((a) => (isObject(a) ? String(a.argument) : String(a)));
    roles[entry.event_type] = [...new Set([...(roles[entry.event_type] ?? []), ...names])];
  }
  return found ? roles : undefined;
}

/** The name each schema entry shows, with the entry (IE tasks). */
export function schemaEntries(schema: unknown): Array<{ name: string; entry: Record<string, unknown> }> {
  if (isObject(schema))
    return Object.keys(schema).map((name) => ({ name, entry: { description: schema[name] } }));
  if (!Array.isArray(schema)) return [];
  return schema.flatMap((entry) => {
    if (typeof entry === "string") return [{ name: entry, entry: {} }];
    if (!isObject(entry)) return [];
    const name = entry.entity_type ?? entry.relation ?? entry.predicate ?? entry.event_type;
    return typeof name === "string" ? [{ name, entry }] : [];
  });
}
