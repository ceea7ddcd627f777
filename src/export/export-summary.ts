import { increment, sortedCounts } from "../util/index.ts";
import type { TargetName } from "./export-target.ts";

export interface SplitCounts {
  instructions: number;
  by_task: Record<string, number>;
  by_source: Record<string, number>;
  by_lang: Record<string, number>;
  by_kind: Record<string, number>;
}

/** What an export did: written as `export-summary.json` and printed. */
export interface ExportSummary {
  input: string;
  targets: TargetName[];
  seed: number;
  split: { shares: Record<string, number>; hold_out_sources: string[]; hold_out_split: string };
  /** The splits that received rows, in the order indexes and cards list them. */
  split_order: string[];
  length_filter: {
    tokenizer: string;
    vocabulary?: string;
    max_input_tokens: number;
    max_output_tokens: number;
  };
  lines: { read: number; rejected: number };
  rejected_by_reason: Record<string, number>;
  instructions: {
    read: number;
    kept: number;
    dropped: number;
    /** Per task: instructions whose input, or (input within budget) output, was over its budget. */
    dropped_by_task: Record<string, { input: number; output: number }>;
  };
  splits: Record<string, SplitCounts>;
  versions: Record<string, string>;
  /** What a target's consumer will object to (an OpenAI file under 10 examples). */
  warnings: string[];
  /** Every file written, relative to the output folder. */
  files: string[];
}

export function countRow(
  summary: ExportSummary,
  split: string,
  row: { task: string; source: string; lang: string; kind: string },
): void {
  const counts = (summary.splits[split] ??= {
    instructions: 0,
    by_task: {},
    by_source: {},
    by_lang: {},
    by_kind: {},
  });
  counts.instructions++;
  increment(counts.by_task, row.task);
  increment(counts.by_source, row.source);
  increment(counts.by_lang, row.lang);
  increment(counts.by_kind, row.kind);
}

export function countDrop(summary: ExportSummary, task: string, side: "input" | "output"): void {
  summary.instructions.dropped++;
  const byTask = (summary.instructions.dropped_by_task[task] ??= { input: 0, output: 0 });
  byTask[side]++;
}

/** Sort every count map and the split order, so the summary's bytes never depend on input order. */
export function settleSummary(summary: ExportSummary, declaredOrder: readonly string[]): void {
  summary.split_order = declaredOrder.filter((split) => summary.splits[split]);
  summary.splits = Object.fromEntries(
    summary.split_order.map((split) => {
      const counts = summary.splits[split];
      return [
        split,
        {
          instructions: counts.instructions,
          by_task: sortedCounts(counts.by_task),
          by_source: sortedCounts(counts.by_source),
          by_lang: sortedCounts(counts.by_lang),
          by_kind: sortedCounts(counts.by_kind),
        },
      ];
    }),
  );
  summary.rejected_by_reason = sortedCounts(summary.rejected_by_reason);
  const dropped = summary.instructions.dropped_by_task;
  summary.instructions.dropped_by_task = Object.fromEntries(
    Object.keys(dropped)
      .sort()
      .map((task) => [task, dropped[task]]),
  );
}

/** Totals over splits: the corpus statistics a card or a print-out shows. */
export function corpusCounts(summary: ExportSummary): SplitCounts {
  const total: SplitCounts = { instructions: 0, by_task: {}, by_source: {}, by_lang: {}, by_kind: {} };
  for (const counts of Object.values(summary.splits)) {
    total.instructions += counts.instructions;
    for (const key of ["by_task", "by_source", "by_lang", "by_kind"] as const)
      for (const [name, count] of Object.entries(counts[key])) increment(total[key], name, count);
  }
  for (const key of ["by_task", "by_source", "by_lang", "by_kind"] as const)
    total[key] = sortedCounts(total[key]);
  return total;
}

export function formatExportSummary(summary: ExportSummary): string {
  const { instructions, lines } = summary;
  const out = [
    `instructions: ${instructions.read} read, ${instructions.kept} kept, ${instructions.dropped} over the token budget` +
      (lines.rejected ? `, ${lines.rejected} lines rejected` : ""),
  ];
  for (const [reason, count] of Object.entries(summary.rejected_by_reason))
    out.push(`  rejected (${reason}): ${count}`);
  const drops = Object.entries(instructions.dropped_by_task);
  if (drops.length > 0)
    out.push(
      `  dropped by task (${summary.length_filter.tokenizer}, input > ${summary.length_filter.max_input_tokens} / output > ${summary.length_filter.max_output_tokens}): ` +
        drops.map(([task, d]) => `${task} ${d.input}/${d.output}`).join(", "),
    );
  out.push(
    `splits: ${summary.split_order.map((split) => `${split} ${summary.splits[split].instructions}`).join(", ") || "none"}`,
  );
  for (const warning of summary.warnings) out.push(`warning: ${warning}`);
  out.push(`wrote ${summary.files.length} files (${summary.targets.join(", ")})`);
  return out.join("\n");
}
