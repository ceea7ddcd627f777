import { acceptedRecords, type DatasetInput, type ReadOptions } from "../readers/index.ts";
import type { CanonicalRecord } from "../records/index.ts";

/**
 * What must see every accepted record before synthesis starts (compound synthesis mines its example
 * pool so): the records in input order, each once, a record whose id repeats an earlier one's left out
 * as synthesis leaves it out.
 */
export interface FirstPass {
  add(record: CanonicalRecord): void;
  /** Every record was added. */
  finish(): void;
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
