import { type JsonlOutput, openJsonlOutput, writableRejectValue } from "../io/index.ts";
import { type ReadItem, readDataset, recordId } from "../readers/index.ts";
import type { CanonicalRecord, LabelSet } from "../records/index.ts";
import { type BasicOptions, type PlannedInstruction, planInstructions, renderBasic } from "./basic.ts";
import type { InstructionRecord } from "./instruction-record.ts";
import { collectLabelUniverse, type InputSpec } from "./label-universe.ts";
import { emptySummary, increment, reasonKind, type SynthSummary, sortedCounts } from "./run-summary.ts";

export interface SynthOptions extends BasicOptions {
  inputs: InputSpec[];
  out: string;
  /**
   * Turns a record's planned instructions into the ones written. The default writes each as a basic
   * instruction; compound synthesis supplies its own.
   */
  expand?: (plans: PlannedInstruction[]) => InstructionRecord[];
  /** Compound synthesis's achieved shares beside their targets, written as the summary's `mix`. */
  mix?: () => unknown;
}

const EMPTY_LABELS: LabelSet = { entities: [], relations: [], events: [], classes: [], graph: [] };

/**
 * Stream every input through synthesis: records in, instructions out in input order, every rejected
 * line written with its file, line and reason. Memory holds label sets, never the corpus.
 */
export async function synthesize(options: SynthOptions): Promise<SynthSummary> {
  const started = performance.now();
  const universe = await collectLabelUniverse(options.inputs);
  // Both files appear only once the run is complete: a killed run leaves the previous ones in place.
  const output = openJsonlOutput(options.out);
  const rejects = openJsonlOutput(`${options.out}.rejects.jsonl`);
  const summary = emptySummary(output.path, rejects.path);
  const expand = options.expand ?? ((plans) => plans.map((plan) => renderBasic(plan, options.seed)));

  try {
    const notes = { add: (note: string, n = 1) => increment(summary.reader_notes, note, n) };
    const seenIds = new Map<string, string>();
    for (const input of options.inputs) {
      for await (const item of readDataset(input.path, { ...input, notes, seenIds })) {
        summary.records.read++;
        if (!item.ok) {
          reject(item, rejects, summary);
          continue;
        }
        summary.records.accepted++;
        const labels = universe.get(item.record.source) ?? EMPTY_LABELS;
        const plans = planInstructions(item.record, recordId(item.record, item.location), labels, options);
        const instructions = expand(plans);
        if (instructions.length === 0) summary.records.without_instructions++;
        for (const instruction of instructions) {
          count(instruction, summary);
          output.write(instruction);
        }
      }
    }
    rejects.commit();
    // A run that produced nothing never replaces a previous corpus with an empty file.
    if (summary.instructions.total > 0) output.commit();
  } finally {
    output.abort();
    rejects.abort();
  }
  summary.rejected_by_reason = sortedCounts(summary.rejected_by_reason);
  summary.reader_notes = sortedCounts(summary.reader_notes);
  for (const key of ["by_task", "by_source", "by_kind"] as const)
    summary.instructions[key] = sortedCounts(summary.instructions[key]);
  if (options.mix) summary.mix = options.mix();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

function reject(item: Extract<ReadItem, { ok: false }>, rejects: JsonlOutput, summary: SynthSummary) {
  summary.records.rejected++;
  increment(summary.rejected_by_reason, reasonKind(item.reason));
  rejects.write({
    file: item.location.file,
    line: item.location.line,
    reason: item.reason,
    record: writableRejectValue(item.raw, NESTED_TOO_DEEPLY),
  });
}

const NESTED_TOO_DEEPLY = "(not written back: nested too deeply)";

function count(instruction: InstructionRecord, summary: SynthSummary): void {
  const { instructions } = summary;
  instructions.total++;
  increment(instructions.by_task, instruction.task);
  increment(instructions.by_source, instruction.source);
  increment(instructions.by_kind, instruction.kind);
}
