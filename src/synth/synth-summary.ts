import { increment, reasonKind, sortedCounts } from "../util/index.ts";

export { increment, reasonKind, sortedCounts };

/** What a synthesis run did, as written to `--summary` and printed. */
export interface SynthSummary {
  records: { read: number; accepted: number; rejected: number; without_instructions: number };
  rejected_by_reason: Record<string, number>;
  /** What the readers did that the counts do not show (spans realigned, ids kept as names). */
  reader_notes: Record<string, number>;
  instructions: {
    total: number;
    by_task: Record<string, number>;
    by_source: Record<string, number>;
    by_kind: Record<string, number>;
  };
  outputs: { instructions: string; rejects: string };
  seconds: number;
  /** Added by compound synthesis: achieved shares beside their targets. */
  mix?: unknown;
}

export function emptySummary(out: string, rejects: string): SynthSummary {
  return {
    records: { read: 0, accepted: 0, rejected: 0, without_instructions: 0 },
    rejected_by_reason: {},
    reader_notes: {},
    instructions: { total: 0, by_task: {}, by_source: {}, by_kind: {} },
    outputs: { instructions: out, rejects },
    seconds: 0,
  };
}

export function formatSummary(summary: SynthSummary): string {
  const { records, instructions } = summary;
  const lines = [
    `records: ${records.read} read, ${records.accepted} accepted, ${records.rejected} rejected` +
      (records.without_instructions ? `, ${records.without_instructions} gave no instruction` : ""),
  ];
  for (const [reason, count] of Object.entries(summary.rejected_by_reason))
    lines.push(`  rejected (${reason}): ${count}`);
  for (const [note, count] of Object.entries(summary.reader_notes)) lines.push(`  note: ${note} (${count})`);
  lines.push(`instructions: ${instructions.total} (${joinCounts(instructions.by_kind)})`);
  lines.push(`  by task: ${joinCounts(instructions.by_task)}`);
  lines.push(`  by source: ${joinCounts(instructions.by_source)}`);
  lines.push(
    `wrote ${summary.outputs.instructions}` +
      (records.rejected ? `, rejects in ${summary.outputs.rejects}` : ""),
  );
  lines.push(`took ${summary.seconds.toFixed(2)} s`);
  return lines.join("\n");
}

function joinCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([key, count]) => `${key} ${count}`)
    .join(", ");
}
