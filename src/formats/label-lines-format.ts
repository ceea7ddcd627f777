import { OutputShapeError, type SchemaChunk } from "../tasks/index.ts";
import { readValues, writeValue } from "./delimited-values.ts";
import { contentLines, guardParse, isNothing } from "./format-helpers.ts";
import type { OutputFormat } from "./output-format.ts";

type LabelLists = Record<string, string[]>;

/** One line per asked label with its values: `person: Ada Lovelace, Charles Babbage` (NER and EET). */
export const labelLinesFormat: OutputFormat = {
  name: "label-lines",
  fits: (task) => task.name === "NER" || task.name === "EET",
  state: (_task, _chunk, lang) => ({
    sentence:
      lang === "zh"
        ? '请每个schema项返回一行，格式为"类型: 值1, 值2"，没有值时冒号后留空。'
        : 'Please return one line per schema item in the form "type: value1, value2", leaving the values empty if there is none.',
  }),
  value: (task, answer, chunk) => labelLines(task.renderDefault(answer, chunk) as LabelLists),
  render: (task, answer, chunk) => labelLines(task.renderDefault(answer, chunk) as LabelLists),
  parse: (task, text, chunk) => guardParse(() => task.parseDefault(readLabelLines(text, chunk), chunk)),
};

function labelLines(lists: LabelLists): string {
  return Object.entries(lists)
    .map(([label, values]) => `${writeValue(label)}: ${values.map(writeValue).join(", ")}`.trimEnd())
    .join("\n");
}

function readLabelLines(text: string, chunk: SchemaChunk): LabelLists {
  const lists: LabelLists = {};
  for (const label of chunk.labels) lists[label] = [];
  for (const line of contentLines(text)) {
    const [written, rest] = splitLabel(line);
    // Only a label the chunk asked starts a line: "Result: Hinton is a person." is prose, not an answer.
    const label =
      chunk.labels.find((l) => l === written) ??
      chunk.labels.find((l) => l.toLowerCase() === written.toLowerCase());
    if (label === undefined) throw new OutputShapeError(`"${written}" is not a label the schema asked`);
    const list = lists[label];
    if (isNothing(rest)) continue;
    for (const value of readValues(rest)) if (value !== "") list.push(value);
  }
  return lists;
}

/** `label: values`, the label bare (up to the first colon, ASCII or full-width) or a JSON string. */
function splitLabel(line: string): [string, string] {
  if (line.startsWith('"')) {
    const match = /^("(?:[^"\\]|\\.)*")\s*[:：](.*)$/s.exec(line);
    if (!match) throw new OutputShapeError(`not a label line: ${line}`);
    return [JSON.parse(match[1]) as string, match[2].trim()];
  }
  const colon = line.search(/[:：]/);
  if (colon <= 0) throw new OutputShapeError(`not a label line: ${line}`);
  return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
}
