import type { DatasetInput } from "../readers/index.ts";
import { readDataset, recordId } from "../readers/index.ts";
import type { TaskName } from "../tasks/index.ts";
import { type BasicOptions, planInstructions } from "./basic.ts";
import { collectLabelUniverse } from "./label-universe.ts";

/**
 * Task balancing (spec §1's task distribution), by down-sampling only: no instruction is invented, so
 * the corpus keeps as many instructions as the scarcest task allows. Targets are renormalised over the
 * tasks the corpus has; the total N is the largest for which every task can supply its share
 * (N = min over tasks of count / share), and each task keeps N·share of its instructions. A task with a
 * target of 0 is dropped; a task without a target is kept whole.
 *
 * Which instructions are kept is decided per (record, task) — a record's chunks stay together, so its
 * schema is still asked in full — by the same quota as the compound ratio, in input order.
 */
export function keepRates(
  counts: Partial<Record<TaskName, number>>,
  shares: Partial<Record<TaskName, number>>,
): Partial<Record<TaskName, number>> {
  const present = (Object.keys(counts) as TaskName[]).filter((t) => (counts[t] ?? 0) > 0);
  const targeted = present.filter((t) => shares[t] !== undefined);
  const totalShare = targeted.reduce((sum, t) => sum + shares[t]!, 0);
  const rates: Partial<Record<TaskName, number>> = {};
  for (const task of present) rates[task] = 1;
  if (totalShare <= 0) return rates;
  const positive = targeted.filter((t) => shares[t]! > 0);
  const total = Math.min(...positive.map((t) => counts[t]! / (shares[t]! / totalShare)));
  for (const task of targeted)
    rates[task] = Math.min(1, (total * (shares[task]! / totalShare)) / counts[task]!);
  return rates;
}

/** A counting pass: how many instructions each task would get (labels only are kept in memory). */
export async function countPlannedTasks(
  inputs: readonly DatasetInput[],
  options: BasicOptions,
): Promise<Partial<Record<TaskName, number>>> {
  const universe = await collectLabelUniverse(inputs);
  const counts: Partial<Record<TaskName, number>> = {};
  for (const input of inputs) {
    for await (const item of readDataset(input.path, input)) {
      if (!item.ok) continue;
      const labels = universe.get(item.record.source);
      if (!labels) continue;
      // The same record id as the pipeline gives, so the counted chunks are the ones written.
      const id = recordId(item.record, item.location);
      for (const plan of planInstructions(item.record, id, labels, options))
        counts[plan.task.name] = (counts[plan.task.name] ?? 0) + 1;
    }
  }
  return counts;
}
