import { readLines } from "../io/index.ts";
import { type SchemaChunk, type ScoreTuple, type TaskSpec, taskByName } from "../tasks/index.ts";
import { isObject } from "../util/index.ts";
import { parseIepileOutput } from "./iepile-extraction.ts";
import { parseOutput } from "./output-parsing.ts";
import {
  type ScoredOutput,
  type ScoreOptions,
  type ScoreReport,
  StreamingScorer,
} from "./score-predictions.ts";

/** Tasks IEPile's test conversion and eval_func.py score (KG and SPO have no scorer there). */
export const IEPILE_TASKS = ["NER", "RE", "EE", "EET", "EEA"] as const;
export type IepileTask = (typeof IEPILE_TASKS)[number];

/**
 * Score predictions in IEPile's format: the lines of its test conversion (`id`, `source`, `instruction`,
 * `label`) with the model's `output` added, as IEPile's inference and OneKE write them. As eval_func.py:
 * lines sharing `source` + `id` (the hash of the text) are one record, their outputs pooled, and the
 * gold is the `label` of the record's first line (two records with the same text take the first one's
 * label). A record's lines must be adjacent, as the converter writes them.
 */
export async function scoreIepilePredictions(
  path: string,
  taskName: IepileTask,
  options: ScoreOptions = {},
): Promise<ScoreReport> {
  const task = taskByName(taskName);
  const scorer = new StreamingScorer(options);
  let previous: string | undefined;
  try {
    for await (const { line, text } of readLines(path)) {
      if (text.trim() === "") continue;
      const where = `${path}:${line}`;
      const prediction = readLine(text, where);
      const source = typeof prediction.source === "string" ? prediction.source : "None";
      const recordId = `${source}${prediction.id}`;
      // Only the first line of a record carries its gold: read the label once per record.
      const gold =
        recordId === previous
          ? { tuples: [], argumentTuples: [] }
          : goldTuples(task, prediction.label, where);
      previous = recordId;
      const chunk = chunkOf(prediction.instruction);
      const output: ScoredOutput = {
        dataset: "iepile",
        title: `IEPile ${taskName}`,
        variant: "B",
        task,
        record_id: recordId,
        source,
        gold: gold.tuples,
        goldArguments: gold.argumentTuples,
        goldPerRecord: true,
        parsed: readOutput(task, prediction.output, chunk, options),
        failed: prediction.output === null,
      };
      scorer.add(output, `${where}`);
    }
    return scorer.finish();
  } finally {
    scorer.close();
  }
}

interface IepileLine {
  id: string;
  source?: unknown;
  instruction: unknown;
  label: unknown;
  output: string | null;
}

function readLine(text: string, where: string): IepileLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not a JSON line (${(error as Error).message})`);
  }
  if (!isObject(value)) throw new Error(`${where}: a line must be a JSON object`);
  if (typeof value.id !== "string" && typeof value.id !== "number")
    throw new Error(`${where}: no "id" (IEPile's test conversion writes the hash of the text)`);
  if (!("label" in value)) throw new Error(`${where}: no "label" (the gold of IEPile's test conversion)`);
  if (!("output" in value)) throw new Error(`${where}: no "output" (the model's answer)`);
  if (value.output !== null && typeof value.output !== "string")
    throw new Error(`${where}: "output" must be a string`);
  return value as unknown as IepileLine;
}

function readOutput(
  task: TaskSpec,
  output: string | null,
  chunk: SchemaChunk | undefined,
  options: ScoreOptions,
) {
  if (output === null) return { ok: false as const, reason: "no output" };
  if (options.compat === "iepile") return parseIepileOutput(task, output, chunk ?? { labels: [] });
  const parsed = parseOutput(task, output, chunk ?? { labels: [] });
  return parsed.ok && chunk ? { ...parsed, askedLabels: chunk.labels } : parsed;
}

/** The labels the instruction's schema asks (strings, or entries with `event_type`); undefined if unreadable. */
function chunkOf(instruction: unknown): SchemaChunk | undefined {
  if (typeof instruction !== "string") return undefined;
  let schema: unknown;
  try {
    schema = (JSON.parse(instruction) as { schema?: unknown }).schema;
  } catch {
    return undefined;
  }
  if (!Array.isArray(schema)) return undefined;
  const labels: string[] = [];
  const roles: Record<string, string[]> = {};
  for (const entry of schema) {
    if (typeof entry === "string") labels.push(entry);
    else if (isObject(entry) && typeof entry.event_type === "string") {
      labels.push(entry.event_type);
      if (Array.isArray(entry.arguments)) roles[entry.event_type] = entry.arguments.map(String);
    }
  }
  return Object.keys(roles).length > 0 ? { labels, roles } : { labels };
}

/** The record's gold as eval_func.py's convert_kg reads IEPile's label (a JSON string of the source list). */
function goldTuples(
  task: TaskSpec,
  label: unknown,
  where: string,
): { tuples: ScoreTuple[]; argumentTuples: ScoreTuple[] } {
  let list: unknown = label;
  if (typeof label === "string") {
    try {
      list = JSON.parse(label);
    } catch {
      throw new Error(`${where}: "label" is not JSON`);
    }
  }
  if (!Array.isArray(list)) throw new Error(`${where}: "label" must be a list`);
  const tuples: ScoreTuple[] = [];
  const argumentTuples: ScoreTuple[] = [];
  for (const item of list) {
    if (!isObject(item)) throw new Error(`${where}: a "label" entry must be an object`);
    const text = (key: string) => String(item[key] ?? "");
    if (task.name === "NER") tuples.push([text("entity_type"), text("entity")]);
    else if (task.name === "RE") tuples.push([text("head"), text("relation"), text("tail")]);
    else {
      const type = text("event_type");
      if (task.name === "EE" || task.name === "EET") tuples.push([type, text("event_trigger")]);
      const args = Array.isArray(item.arguments) ? item.arguments : [];
      const target = task.name === "EEA" ? tuples : argumentTuples;
      if (task.name !== "EET")
        for (const arg of args.filter(isObject))
          target.push([type, String(arg.role ?? ""), String(arg.argument ?? "")]);
    }
  }
  return { tuples, argumentTuples };
}
