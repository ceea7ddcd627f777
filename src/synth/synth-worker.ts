import { parentPort, workerData } from "node:worker_threads";
import type { LabelSet } from "../records/index.ts";
import type { BasicOptions } from "./basic.ts";
import { type RecordBatch, renderBatch } from "./record-batch.ts";

/** A worker thread of `hum synth --workers N`: renders batches in the order they come, one at a time. */
export interface SynthWorkerData {
  universe: Array<[string, LabelSet]>;
  options: BasicOptions;
}

const { universe, options } = workerData as SynthWorkerData;
const labels = new Map(universe);

parentPort!.on("message", (batch: RecordBatch) => {
  parentPort!.postMessage(renderBatch(batch, labels, options));
});
