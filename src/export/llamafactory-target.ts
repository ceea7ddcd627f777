import { join } from "node:path";
import { AtomicOutput, writeFileAtomic } from "../io/index.ts";
import type { ExportSummary } from "./export-summary.ts";
import type { ExportRow, ExportTarget } from "./export-target.ts";
import { PerSplit } from "./export-target.ts";

export const LLAMAFACTORY_FORMATS = ["alpaca", "sharegpt"] as const;
export type LlamaFactoryFormat = (typeof LLAMAFACTORY_FORMATS)[number];

export interface LlamaFactoryOptions {
  /** Dataset names are `<name>_<split>` in dataset_info.json. */
  name: string;
  format: LlamaFactoryFormat;
  /** Written as the alpaca `system` column (sharegpt carries it as the first message). */
  system?: string;
}

/**
 * A LlamaFactory `dataset_dir`: one JSONL file per split and a `dataset_info.json` entry for each, with
 * the column mapping LlamaFactory's loader reads (alpaca: prompt/query/response[/system]; sharegpt:
 * messages with role/content tags).
 */
export function llamaFactoryTarget(dir: string, options: LlamaFactoryOptions): ExportTarget {
  const fileName = (split: string) => `${options.name}_${split}.jsonl`;
  const files = new PerSplit((split) => new AtomicOutput(join(dir, fileName(split))));
  return {
    name: "llamafactory",
    async add(row: ExportRow) {
      files.get(row.split).write(`${JSON.stringify(llamaFactoryRow(row, options))}\n`);
    },
    async finish(summary: ExportSummary) {
      const written: string[] = [];
      const info: Record<string, unknown> = {};
      for (const [split, file] of files.inOrder(summary.split_order)) {
        file.commit();
        written.push(file.path);
        info[llamaFactoryDatasetName(options.name, split)] = datasetEntry(fileName(split), options);
      }
      const infoPath = join(dir, "dataset_info.json");
      writeFileAtomic(infoPath, `${JSON.stringify(info, null, 2)}\n`);
      written.push(infoPath);
      return written;
    },
    discard() {
      for (const file of files.all()) file.discard();
    },
  };
}

export function llamaFactoryDatasetName(name: string, split: string): string {
  return `${name}_${split}`;
}

function llamaFactoryRow(row: ExportRow, options: LlamaFactoryOptions): unknown {
  if (options.format === "sharegpt") return { messages: row.messages };
  // The instruction already holds its input passage; `input` stays empty but present, as the loader
  // reads the query column of every row.
  const alpaca: Record<string, string> = {
    instruction: row.record.instruction,
    input: "",
    output: row.record.output,
  };
  if (options.system) alpaca.system = options.system;
  return alpaca;
}

function datasetEntry(fileName: string, options: LlamaFactoryOptions): unknown {
  if (options.format === "sharegpt")
    return {
      file_name: fileName,
      formatting: "sharegpt",
      columns: { messages: "messages" },
      tags: {
        role_tag: "role",
        content_tag: "content",
        user_tag: "user",
        assistant_tag: "assistant",
        system_tag: "system",
      },
    };
  const columns: Record<string, string> = { prompt: "instruction", query: "input", response: "output" };
  // Map `system` only when rows carry it: the loader reads a mapped column from every row.
  if (options.system) columns.system = "system";
  return { file_name: fileName, formatting: "alpaca", columns };
}
