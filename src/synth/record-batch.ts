import { writableRejectValue } from "../io/index.ts";
import type { Location } from "../readers/index.ts";
import { recordId } from "../readers/index.ts";
import type { CanonicalRecord, LabelSet } from "../records/index.ts";
import { type BasicOptions, planInstructions, renderBasic } from "./basic.ts";
import { increment, reasonKind } from "./synth-summary.ts";

/**
 * A batch of input items as worker threads take them: records a reader made, or a reader's rejections,
 * all from one file, in input order. Each becomes the same bytes as the single-thread pipeline writes.
 */
export type BatchItem =
  | { line: number; record: CanonicalRecord }
  | { line: number; reason: string; raw: unknown };

export interface RecordBatch {
  file: string;
  items: BatchItem[];
}

/** Counts of a batch, folded into the run summary in batch order. */
export interface BatchCounts {
  read: number;
  accepted: number;
  rejected: number;
  withoutInstructions: number;
  rejectedByReason: Record<string, number>;
  byTask: Record<string, number>;
  bySource: Record<string, number>;
  byKind: Record<string, number>;
}

export interface RenderedBatch {
  /** JSON lines of the instructions (without newlines). */
  instructions: string[];
  /** JSON lines of the rejections. */
  rejects: string[];
  counts: BatchCounts;
}

/** Written instead of a rejected value that nests too deeply to write back. */
export const NESTED_TOO_DEEPLY = "(not written back: nested too deeply)";

const EMPTY_LABELS: LabelSet = { entities: [], relations: [], events: [], classes: [], graph: [] };

/** Basic synthesis of one batch: what `synthesize` writes for these items, as text. */
export function renderBatch(
  batch: RecordBatch,
  universe: ReadonlyMap<string, LabelSet>,
  options: BasicOptions,
): RenderedBatch {
  const counts: BatchCounts = {
    read: 0,
    accepted: 0,
    rejected: 0,
    withoutInstructions: 0,
    rejectedByReason: {},
    byTask: {},
    bySource: {},
    byKind: {},
  };
  const instructions: string[] = [];
  const rejects: string[] = [];
  for (const item of batch.items) {
    counts.read++;
    const location: Location = { file: batch.file, line: item.line };
    const record = itemRecord(item);
    if (!record.ok) {
      counts.rejected++;
      increment(counts.rejectedByReason, reasonKind(record.reason));
      const raw = writableRejectValue(record.raw, NESTED_TOO_DEEPLY);
      rejects.push(
        JSON.stringify({ file: location.file, line: location.line, reason: record.reason, record: raw }),
      );
      continue;
    }
    counts.accepted++;
    const labels = universe.get(record.record.source) ?? EMPTY_LABELS;
    const plans = planInstructions(record.record, recordId(record.record, location), labels, options);
    if (plans.length === 0) counts.withoutInstructions++;
    for (const plan of plans) {
      const instruction = renderBasic(plan, options.seed);
      increment(counts.byTask, instruction.task);
      increment(counts.bySource, instruction.source);
      increment(counts.byKind, instruction.kind);
      instructions.push(JSON.stringify(instruction));
    }
  }
  return { instructions, rejects, counts };
}

type ItemRecord = { ok: true; record: CanonicalRecord } | { ok: false; reason: string; raw: unknown };

function itemRecord(item: BatchItem): ItemRecord {
  return "record" in item
    ? { ok: true, record: item.record }
    : { ok: false, reason: item.reason, raw: item.raw };
}
