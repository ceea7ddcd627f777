import { readDataset } from "./index.ts";
import type { ReadItem, ReadOptions } from "./reader.ts";
import type { SeenIds } from "./unique-ids.ts";

/** One dataset a command reads: a path, and its format when detection should not decide. */
export interface DatasetInput extends ReadOptions {
  path: string;
  format?: string;
}

export interface InputCounts {
  /** Records read and accepted. */
  records: number;
  /** Items the readers rejected (counted here; commands that keep rejects read the items themselves). */
  rejected: number;
}

/**
 * The accepted records of every input, in input order, counting what the readers rejected. `mayRepeat`
 * spares keeping the ids a count of the run's ids found used once (see `ReadOptions.mayRepeat`).
 */
export async function* acceptedRecords(
  inputs: readonly DatasetInput[],
  counts: InputCounts,
  { mayRepeat }: Pick<ReadOptions, "mayRepeat"> = {},
): AsyncGenerator<Extract<ReadItem, { ok: true }>> {
  const seenIds: SeenIds = new Map();
  for (const input of inputs) {
    for await (const item of readDataset(input.path, { ...input, seenIds, mayRepeat })) {
      if (!item.ok) {
        counts.rejected++;
        continue;
      }
      counts.records++;
      yield item;
    }
  }
}
