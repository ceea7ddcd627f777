import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { TextLine } from "../io/index.ts";
import {
  chooseReader,
  type DatasetInput,
  declaredLabels,
  duplicateIdReason,
  type Location,
  labelNamer,
  type SeenIds,
} from "../readers/index.ts";
import { LabelCollector, type LabelSet } from "../records/index.ts";
import type { FirstPass } from "./first-pass.ts";
import type { IdCensus } from "./id-census.ts";
import { type LabelPass, readLabels } from "./label-universe.ts";
import {
  decodedLines,
  type LineBatch,
  lineBatches,
  lineItem,
  lineItems,
  lineReadOptions,
  type MinedBatch,
  type ScannedBatch,
} from "./line-batch.ts";
import { type IdEntry, instructionLines, type RenderedBatch, rejectLine } from "./record-batch.ts";
import { increment, reasonKind } from "./synth-summary.ts";
import { inOrder, type RenderPool } from "./worker-pool.ts";

/**
 * Input bytes per worker thread when the count is not given: a worker costs about 0.6 s of CPU beyond the
 * work it takes over (its own module load and warm-up), so small runs stay on one thread and larger ones use up
 * to every core.
 */
const BYTES_PER_WORKER = 8 << 20;

/** The same for a run with compound instructions, which costs about four times as much per input byte. */
export const COMPOUND_BYTES_PER_WORKER = 2 << 20;

/** Threads rendering a run (this one and its workers): as asked, or by default the cores, fewer for small inputs. */
export function workerCount(
  requested: number | undefined,
  inputs: readonly DatasetInput[],
  bytesPerWorker = BYTES_PER_WORKER,
): number {
  if (requested !== undefined) return requested;
  let bytes = 0;
  for (const input of inputs) bytes += statSync(input.path, { throwIfNoEntry: false })?.size ?? 0;
  return Math.max(1, Math.min(availableParallelism(), Math.floor(bytes / bytesPerWorker)));
}

/**
 * Whether every input is a canonical JSONL file, whose lines the pool can read on its own; if so the
 * pool is told each input's read options. Anything else (another format, a folder, an input that
 * cannot be read) takes the reader path, which also words any error.
 */
export async function linesInPool(inputs: readonly DatasetInput[], pool: RenderPool): Promise<boolean> {
  try {
    const canonical = inputs.every(
      (input) => statSync(input.path).isFile() && chooseReader(input.path, input.format).name === "canonical",
    );
    if (!canonical) return false;
  } catch {
    return false;
  }
  await pool.tellAll({ type: "inputs", inputs: inputs.map(lineReadOptions) });
  return true;
}

/**
 * The label pass of one canonical input in the pool's batches (what `readLabels` finds). Labels merge in
 * input order, as one collector would gather them; every id is counted in the run's `census`. A record
 * whose id is used again must be left out of the labels, which the batches do not know: so a candidate
 * repeat (see id-census.ts) is read again here, and if it could add a label not known before its batch
 * (rare: a repeat, or a false candidate, carrying a label new to the input) the input is read again by
 * the readers, which leave such records out. A candidate adding nothing changes no label either way.
 */
export async function scanLinesInPool(
  index: number,
  input: DatasetInput,
  pool: RenderPool,
  batchLines: number,
  census: IdCensus,
): Promise<LabelPass> {
  const collector = new LabelCollector();
  const options = lineReadOptions(input);
  const rename = labelNamer("canonical", options);
  let items = 0;
  let repeated = false;
  await inOrder(
    lineBatches(index, input.path, batchLines),
    pool.depth,
    (batch) => answerWithBatch(batch, pool.ask<ScannedBatch>({ type: "scan-lines", batch })),
    ({ batch, answer: scanned }) => {
      items += scanned.items;
      // Before the batch's labels merge: a candidate's labels must be known from the batches before it.
      let lines: TextLine[] | undefined;
      scanned.ids.forEach((key, i) => {
        if (census.add(key) || repeated) return;
        lines ??= decodedLines(batch);
        const item = lineItem(batch, lines, scanned.idLines[i], options, rename);
        repeated = item?.ok === true && !collector.knows(item.record);
      });
      for (const [source, labels] of Object.entries(scanned.sources)) collector.addLabels(source, labels);
    },
  );
  if (repeated) return readLabels(input);
  const declared = await declaredLabels(input.path, input);
  return { sources: collector.toSchemaFile().sources, declared, items };
}

/**
 * The example pool's first pass over canonical inputs, in the pool's batches: each batch mines its own
 * records and the main thread merges what they kept (the pool does not depend on record order). A
 * record whose id the label pass's census could not clear comes back whole, and is mined here only if
 * its id was not used before, in input order: what `runFirstPass` mines, reading every record here.
 */
export async function mineLinesInPool(
  inputs: readonly DatasetInput[],
  pool: RenderPool,
  batchLines: number,
  universe: ReadonlyMap<string, LabelSet>,
  tracked: ReadonlySet<string>,
  firstPass: FirstPass,
): Promise<void> {
  if (!firstPass.mining) throw new Error("a first pass that is not mining cannot run in batches");
  const { seed, take } = firstPass.mining;
  await pool.tellAll({ type: "universe", universe: [...universe], tracked });
  const used = new Set<string>();
  for (const [index, input] of inputs.entries())
    await inOrder(
      lineBatches(index, input.path, batchLines),
      pool.depth,
      (batch) => pool.ask<MinedBatch>({ type: "mine-lines", batch, seed }),
      ({ samples, repeatable }) => {
        take(samples);
        for (const { key, record } of repeatable) {
          if (used.has(key)) continue;
          used.add(key);
          firstPass.add(record);
        }
      },
    );
  firstPass.finish();
}

/** A worker's answer with the batch it answers (kept for the rare repeated id). */
export function answerWithBatch<A>(
  batch: LineBatch,
  answer: Promise<A>,
): Promise<{ batch: LineBatch; answer: A }> {
  const both = answer.then((value) => ({ batch, answer: value }));
  // Awaited in order later: a failure meanwhile is not an unhandled rejection.
  both.catch(() => {});
  return both;
}

/**
 * Ids are unique across the run, so they are checked here, in input order: a record whose id was used
 * before becomes a rejection naming the first use, as the readers reject it, and its instructions are
 * taken out of the batch. The batch lists the records whose ids need checking (`RenderedBatch.ids`):
 * every one, or only those the id census could not clear (none, most runs).
 */
export function removeRepeatedIds(
  batch: LineBatch,
  rendered: RenderedBatch,
  seenIds: SeenIds,
  input: DatasetInput,
): RenderedBatch {
  const repeated: Array<{ entry: IdEntry; first: Location }> = [];
  let lastSource: string | undefined;
  let ids: Map<string, Location> | undefined;
  for (const entry of rendered.ids ?? []) {
    const [source, id, line] = entry;
    if (source !== lastSource || ids === undefined) {
      ids = seenIds.get(source);
      if (ids === undefined) seenIds.set(source, (ids = new Map()));
      lastSource = source;
    }
    const first = ids.get(id);
    if (first === undefined) ids.set(id, { file: batch.file, line });
    else repeated.push({ entry, first });
  }
  return repeated.length === 0 ? rendered : withRejected(batch, rendered, repeated, input);
}

function withRejected(
  batch: LineBatch,
  rendered: RenderedBatch,
  repeated: Array<{ entry: IdEntry; first: Location }>,
  input: DatasetInput,
): RenderedBatch {
  const { counts } = rendered;
  const records = new Map(
    lineItems(batch, lineReadOptions(input), labelNamer("canonical", input)).map((item) => [
      item.location.line,
      item,
    ]),
  );
  const lines = instructionLines(rendered);
  const kept: string[] = [];
  let keptFrom = 0;
  const rejects = rendered.rejects.map((text, i) => ({ line: rendered.rejectLines[i], text }));
  for (const { entry, first } of repeated) {
    const [source, id, line, start, end] = entry;
    const item = records.get(line);
    if (!item?.ok || item.record.source !== source || item.record.id !== id)
      throw new Error(`${batch.file}:${line}: record not found again`);
    const reason = duplicateIdReason(id, source, `${first.file}:${first.line}`);
    rejects.push({
      line,
      text: rejectLine({ ok: false, reason, location: item.location, raw: item.record }),
    });
    counts.accepted--;
    counts.rejected++;
    increment(counts.rejectedByReason, reasonKind(reason));
    if (start === end) counts.withoutInstructions--;
    for (const text of lines.slice(start, end)) {
      const { task, source, kind } = JSON.parse(text);
      uncount(counts.byTask, task);
      uncount(counts.bySource, source);
      uncount(counts.byKind, kind);
    }
    counts.instructions -= end - start;
    kept.push(...lines.slice(keptFrom, start));
    keptFrom = end;
  }
  kept.push(...lines.slice(keptFrom));
  rejects.sort((a, b) => a.line - b.line);
  return {
    ...rendered,
    instructions: kept,
    rejects: rejects.map((r) => r.text),
    rejectLines: rejects.map((r) => r.line),
  };
}

/** One fewer; a count down to 0 goes, as a single-thread run would never have counted it. */
function uncount(counts: Record<string, number>, key: string): void {
  if (--counts[key] === 0) delete counts[key];
}
