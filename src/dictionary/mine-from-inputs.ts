import { acceptedRecords, type DatasetInput } from "../readers/index.ts";
import type { SchemaDictionary } from "./dictionary-file.ts";
import { DictionaryMiner, type MiningOptions } from "./mine-dictionary.ts";

/** Stream every input through a miner; rejected lines are counted, not mined. */
export async function mineDictionary(
  inputs: readonly DatasetInput[],
  options: MiningOptions,
): Promise<{ dictionary: SchemaDictionary; records: number; rejected: number }> {
  const miner = new DictionaryMiner(options);
  const counts = { records: 0, rejected: 0 };
  for await (const { record } of acceptedRecords(inputs, counts)) miner.add(record);
  return { dictionary: miner.result(), ...counts };
}
