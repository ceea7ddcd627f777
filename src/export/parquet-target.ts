import { join } from "node:path";
import type { ExportSummary } from "./export-summary.ts";
import type { ExportRow, ExportTarget, TargetName } from "./export-target.ts";
import { PerSplit } from "./export-target.ts";
import { ParquetFile } from "./parquet-file.ts";

/** Parquet per split, `<dir>/<fileName(split)>`; shared by the plain Parquet and the HF dataset targets. */
export function parquetSplits(dir: string, fileName: (split: string) => string, createdBy: string) {
  const files = new PerSplit((split) => new ParquetFile(join(dir, fileName(split)), createdBy));
  return {
    add(row: ExportRow): void {
      files.get(row.split).add(row);
    },
    finish(summary: ExportSummary): string[] {
      return files.inOrder(summary.split_order).map(([, file]) => {
        file.commit();
        return file.path;
      });
    },
    discard(): void {
      for (const file of files.all()) file.discard();
    },
  };
}

/** `parquet/<split>.parquet`. */
export function parquetTarget(dir: string, createdBy: string): ExportTarget {
  const splits = parquetSplits(dir, (split) => `${split}.parquet`, createdBy);
  return {
    name: "parquet" satisfies TargetName,
    async add(row) {
      splits.add(row);
    },
    async finish(summary) {
      return splits.finish(summary);
    },
    discard: () => splits.discard(),
  };
}
