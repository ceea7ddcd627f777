import { acceptedRecords, type DatasetInput, type ReadOptions } from "../readers/index.ts";
import type { CanonicalRecord } from "../records/index.ts";
import type { MinedSamples } from "./example-pool.ts";

/**
 * What must see every accepted record before synthesis starts (compound synthesis mines its example
 * pool so): the records in input order, each once, a record whose id repeats an earlier one's left out
 * as synthesis leaves it out.
 */
export interface FirstPass {
  add(record: CanonicalRecord): void;
  /** Every record was added. */
  finish(): void;
  /**
   * Set when the pass is mining an example pool, whose result does not depend on record order: the
   * pool's batches then mine their own records with this seed, and what they kept is taken in here
   * (the records whose ids may repeat still come to `add`, in order).
   */
  mining?: { seed: number; take(samples: MinedSamples): void };
}

/**
 * Read the inputs for a first pass, after the label pass: its id census (`mayRepeat`) spares keeping
 * the ids used once, so memory stays flat however large the corpus.
 */
export async function runFirstPass(
  inputs: readonly DatasetInput[],
  firstPass: FirstPass,
  mayRepeat: ReadOptions["mayRepeat"],
): Promise<void> {
  for await (const { record } of acceptedRecords(inputs, { records: 0, rejected: 0 }, { mayRepeat }))
    firstPass.add(record);
  firstPass.finish();
}
