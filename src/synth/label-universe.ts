import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { DataError, parseJsonLine, readTextFile } from "../io/index.ts";
import { declaredLabels, readDataset } from "../readers/index.ts";
import type { DatasetInput } from "../readers/read-inputs.ts";
import { LabelCollector, type LabelSet, mergeLabelSets, SchemaFile } from "../records/index.ts";

/** A dataset to read (the same shape every command takes). */
export type InputSpec = DatasetInput;

/**
 * The schema file that may sit beside a dataset: `data.jsonl` → `data.schema.json`; a folder →
 * `schema.json` inside it.
 */
export function schemaFileFor(path: string): string {
  if (existsSync(path) && statSync(path).isDirectory()) return join(path, "schema.json");
  return path.replace(/(\.[^./\\]+)?$/, ".schema.json");
}

export function readSchemaFile(path: string): SchemaFile {
  const parsed = parseJsonLine(readTextFile(path), SchemaFile);
  if (!parsed.ok) throw new DataError(path, undefined, `not a schema file: ${parsed.reason}`);
  return parsed.value;
}

/**
 * The label universe of every source in the inputs: from each input's schema file when it has one,
 * otherwise from a first pass over it that keeps labels only.
 */
export async function collectLabelUniverse(inputs: readonly InputSpec[]): Promise<Map<string, LabelSet>> {
  const universe = new Map<string, LabelSet>();
  const add = (source: string, labels: LabelSet) => {
    const known = universe.get(source);
    universe.set(source, known ? mergeLabelSets(known, labels) : labels);
  };
  for (const input of inputs) {
    const schemaPath = schemaFileFor(input.path);
    if (existsSync(schemaPath)) {
      for (const [source, labels] of Object.entries(readSchemaFile(schemaPath).sources)) add(source, labels);
      continue;
    }
    const collector = new LabelCollector();
    for await (const item of readDataset(input.path, input)) if (item.ok) collector.add(item.record);
    for (const source of collector.sources()) add(source, collector.labelSet(source)!);
    // Labels the dataset declares (IEPile's schema.json) are asked too, not only those its records use.
    const declared = await declaredLabels(input.path, input);
    if (declared) add(declared.source, declared.labels);
  }
  return universe;
}
