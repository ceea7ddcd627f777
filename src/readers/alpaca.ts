import { isObject } from "../util/index.ts";
import { guessLanguage } from "./language.ts";
import { firstLine, readHead } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { readJsonFile, readJsonLines } from "./read-json-file.ts";
import type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";
import { fileStem, sourceName } from "./source-name.ts";

/**
 * Alpaca-style instruction data, kept as `chat` records for the IG task: a JSON array or JSON Lines of
 * `{instruction, input, output}`, or the self-instruct seed-task shape `{id, instruction, instances:
 * [{input, output}]}`, which gives one record per instance (`<id>#<n>`).
 */
export const alpacaReader: DatasetReader = {
  name: "alpaca",
  description:
    "alpaca-style instruction data (JSON array or JSON Lines of {instruction, input, output}; seed tasks " +
    "with instances) → chat records, one per instance",
  detect(_path: string, head: string): Detection {
    const start = head.trimStart();
    const first = start.startsWith("[") ? start.slice(0, 4096) : firstLine(start);
    if (!/"instruction"\s*:/.test(first) || /"task"\s*:\s*"(NER|RE|EE|EET|EEA|SPO|KG)"/.test(first))
      return "no";
    if (/"instances"\s*:/.test(first) || start.startsWith("["))
      return /"output"\s*:/.test(first) ? "certain" : "likely";
    return /"output"\s*:/.test(first) ? "likely" : "no";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, fileStem(path));
    for await (const { value, location, problem } of entries(path)) {
      if (problem) yield rejection(problem, location, value);
      else yield* entryItems(value, { source, options, location });
    }
  },
};

/** The entries of a JSON array file, or the lines of a JSON Lines file (told apart by the first character). */
async function* entries(
  path: string,
): AsyncIterable<{ value: unknown; location: Location; problem?: string }> {
  const head = readHead(path, 1024).trimStart();
  if (head.startsWith("[")) {
    const parsed = await readJsonFile(path);
    if (!parsed.ok || !Array.isArray(parsed.value)) {
      const problem = parsed.ok ? "alpaca: expected a JSON array of entries" : parsed.reason;
      yield { value: null, location: { file: path, line: 1 }, problem };
      return;
    }
    for (const [index, value] of parsed.value.entries())
      yield { value, location: { file: path, line: index + 1 } };
    return;
  }
  for await (const entry of readJsonLines(path)) {
    const location = { file: path, line: entry.line };
    if (entry.ok) yield { value: entry.value, location };
    else yield { value: entry.text, location, problem: entry.reason };
  }
}

function* entryItems(
  value: unknown,
  context: { source: string; options: ReadOptions; location: Location },
): Iterable<ReadItem> {
  const { source, options, location } = context;
  if (!isObject(value)) {
    yield rejection("alpaca: entry is not an object", location, value);
    return;
  }
  const instances = Array.isArray(value.instances) ? value.instances : [value];
  if (instances.length === 0) yield rejection("alpaca: seed task without instances", location, value);
  for (const [n, instance] of instances.entries()) {
    const fields = isObject(instance) ? instance : {};
    const input = typeof fields.input === "string" && fields.input.trim() !== "" ? fields.input : undefined;
    const instruction = value.instruction;
    const baseId = typeof value.id === "string" ? value.id : `${source}-${location.line}`;
    const record = {
      kind: "chat",
      id: Array.isArray(value.instances) ? `${baseId}#${n}` : baseId,
      source,
      lang: options.lang ?? guessLanguage(`${instruction}${input ?? ""}`),
      instruction,
      input,
      output: fields.output,
    };
    yield checkedItem(record, location, value);
  }
}
