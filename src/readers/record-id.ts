import { basename } from "node:path";
import type { CanonicalRecord } from "../records/index.ts";
import type { Location } from "./reader.ts";

/**
 * A record's own id, or one made from where it was read (`data.jsonl:17`): stable for the same input,
 * and the key that synthesis, rule files and task balancing all use to name a record.
 */
export function recordId(record: CanonicalRecord, location: Location): string {
  return record.id ?? `${basename(location.file)}:${location.line}`;
}
