import { validateRecord } from "../records/index.ts";
import type { Location, ReadItem } from "./reader.ts";

/**
 * A converted value as a read item: validated like any canonical record (schema, spans in text,
 * offsets pointing at their spans), so a reader's mistake or the data's becomes a rejection.
 */
export function checkedItem(value: unknown, location: Location, raw: unknown): ReadItem {
  const result = validateRecord(value);
  if (result.ok) return { ok: true, record: result.record, location };
  return { ok: false, reason: result.reason, location, raw };
}

/** A rejection; `reason` reads "<category>: <detail>" so summaries can group by category. */
export function rejection(reason: string, location: Location, raw: unknown): ReadItem {
  return { ok: false, reason, location, raw };
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
