import { type ReadOptions, readDataset } from "../readers/index.ts";
import type { SchemaDictionary } from "./dictionary-file.ts";
import { DictionaryMiner, type MiningOptions } from "./mine-dictionary.ts";

export interface MineInput extends ReadOptions {
  path: string;
  format?: string;
}

/** Stream every input through a miner; rejected lines are counted, not mined. */
export async function mineDictionary(
  inputs: readonly MineInput[],
  options: MiningOptions,
): Promise<{ dictionary: SchemaDictionary; records: number; rejected: number }> {
  const miner = new DictionaryMiner(options);
  let records = 0;
  let rejected = 0;
  for (const input of inputs) {
    for await (const item of readDataset(input.path, input)) {
      if (!item.ok) {
        rejected++;
        continue;
      }
      records++;
      miner.add(item.record);
    }
  }
  return { dictionary: miner.result(), records, rejected };
}
