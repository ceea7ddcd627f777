import { join } from "node:path";
import { AtomicOutput } from "../io/index.ts";
import type { ExportSummary } from "./export-summary.ts";
import type { ExportRow, ExportTarget } from "./export-target.ts";
import { PerSplit } from "./export-target.ts";

/** OpenAI fine-tuning JSONL: `{"messages": [...]}` per line, one file per split (`openai/<split>.jsonl`). */
export function openaiTarget(dir: string): ExportTarget {
  const files = new PerSplit((split) => new AtomicOutput(join(dir, `${split}.jsonl`)));
  return {
    name: "openai",
    async add(row: ExportRow) {
      files.get(row.split).write(`${JSON.stringify({ messages: row.messages })}\n`);
    },
    async finish(summary: ExportSummary) {
      const written: string[] = [];
      for (const [, file] of files.inOrder(summary.split_order)) {
        file.commit();
        written.push(file.path);
      }
      return written;
    },
    discard() {
      for (const file of files.all()) file.discard();
    },
  };
}
