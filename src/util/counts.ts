import { compareCodeUnits } from "./key-order.ts";
/** Small helpers for the counts every run reports. */

export function increment(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** The kind of a rejection reason: its text before the first ": " ("invalid JSON", "span", "schema"). */
export function reasonKind(reason: string): string {
  const colon = reason.indexOf(": ");
  return colon > 0 ? reason.slice(0, colon) : reason;
}

/** Keys in code-unit order, so a summary's bytes never depend on the order records came in. */
export function sortedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => compareCodeUnits(a, b)));
}
