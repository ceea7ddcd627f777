import { join } from "node:path";
import { writeFileAtomic } from "../io/index.ts";
import { type CardOptions, datasetCard } from "./dataset-card.ts";
import type { ExportTarget } from "./export-target.ts";
import { parquetSplits } from "./parquet-target.ts";

/**
 * A Hugging Face dataset folder: `data/<split>-00000-of-00001.parquet` (the Hub's own shard naming) and
 * a README.md card whose `configs` point at them.
 */
export function hfTarget(dir: string, createdBy: string, card: Omit<CardOptions, "dataFiles">): ExportTarget {
  const shard = (split: string) => `${split}-00000-of-00001.parquet`;
  const splits = parquetSplits(join(dir, "data"), shard, createdBy);
  return {
    name: "hf",
    async add(row) {
      splits.add(row);
    },
    async finish(summary) {
      const written = splits.finish(summary);
      const readme = join(dir, "README.md");
      writeFileAtomic(
        readme,
        datasetCard(summary, { ...card, dataFiles: (split) => `data/${split}-*.parquet` }),
      );
      return [...written, readme];
    },
    discard: () => splits.discard(),
  };
}
