import type { CanonicalRecord } from "../records/index.ts";
import type { TaskSpec } from "../tasks/index.ts";
import { compareCodeUnits, SeededRandom } from "../util/index.ts";

/** A record read for evaluation, with the id its instructions carry. */
export interface EvalSourceRecord {
  record: CanonicalRecord;
  recordId: string;
}

export interface PoolSplit {
  /** Records whose answers may appear as examples in compound instructions: never scored. */
  pool: EvalSourceRecord[];
  /** Records the B and C instructions are built from and scored on. */
  scored: EvalSourceRecord[];
}

/**
 * Split one source's records into an example pool and the scored rest. Compound instructions take their
 * examples from the pool only, so no scored record's answer is ever shown to the model (no leakage).
 * The pool first covers every label once (a seeded record carrying it), then fills up with seeded picks,
 * up to `size` records but never more than a tenth of the source. Records whose text equals a pool
 * record's (C3 questions on one passage, repeated FewRel sentences) leave the scored set too.
 */
export function splitExamplePool(
  records: readonly EvalSourceRecord[],
  task: TaskSpec,
  size: number,
  seed: number,
): PoolSplit {
  if (records.length === 0 || size <= 0) return { pool: [], scored: records.slice() };
  const source = records[0].record.source;
  const order = new SeededRandom(seed, source, "eval-example-pool").shuffle(records);
  const limit = Math.min(size, Math.floor(records.length / 10));
  const pool: EvalSourceRecord[] = [];
  const covered = new Set<string>();
  for (const label of [...new Set(records.flatMap((r) => positiveLabels(task, r.record)))].sort()) {
    if (pool.length >= limit || covered.has(label)) continue;
    const carrier = order.find((r) => !pool.includes(r) && positiveLabels(task, r.record).includes(label));
    if (!carrier) continue;
    pool.push(carrier);
    for (const l of positiveLabels(task, carrier.record)) covered.add(l);
  }
  for (const candidate of order) if (pool.length < limit && !pool.includes(candidate)) pool.push(candidate);

  const poolTexts = new Set(pool.map((r) => textOf(r.record)));
  const scored = records.filter((r) => !pool.includes(r) && !poolTexts.has(textOf(r.record)));
  return { pool: sortById(pool), scored };
}

function positiveLabels(task: TaskSpec, record: CanonicalRecord): string[] {
  return task.recordKind === record.kind ? task.positives(record) : [];
}

export function textOf(record: CanonicalRecord): string {
  return "text" in record ? record.text : "";
}

function sortById(records: EvalSourceRecord[]): EvalSourceRecord[] {
  return records.slice().sort((a, b) => compareCodeUnits(a.recordId, b.recordId));
}
