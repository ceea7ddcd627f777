import { existsSync } from "node:fs";
import { acceptedRecords, type DatasetInput, idChecker } from "../readers/index.ts";
import type { CanonicalRecord } from "../records/index.ts";
import { type InputScan, readLabels, scanInputs, schemaFileFor } from "./label-universe.ts";

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
 * The label pass with the first pass riding on it: one read of the inputs serves both. When an input's
 * labels come from a schema file it is not read for them, so the first pass then reads the inputs on
 * its own. The label cache is not used on the shared read: a cached label pass would save nothing, as
 * every input is read for the first pass anyway.
 */
export async function scanInputsWith(
  inputs: readonly DatasetInput[],
  firstPass: FirstPass,
  labelCache: string | undefined,
): Promise<InputScan> {
  if (inputs.some((input) => existsSync(schemaFileFor(input.path)))) {
    for await (const { record } of acceptedRecords(inputs, { records: 0, rejected: 0 }))
      firstPass.add(record);
    firstPass.finish();
    return scanInputs(inputs, labelCache);
  }
  // Ids are checked across the inputs, as synthesis checks them; the label pass itself reads each alone.
  const check = idChecker();
  const scan = await scanInputs(inputs, undefined, (input) =>
    readLabels(input, (item) => {
      const checked = check(item);
      if (checked.ok) firstPass.add(checked.record);
    }),
  );
  firstPass.finish();
  return scan;
}
