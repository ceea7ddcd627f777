import { parentPort, workerData } from "node:worker_threads";
import type { LabelSet } from "../records/index.ts";
import type { BasicOptions } from "./basic.ts";
import { type RecordBatch, renderBatch } from "./record-batch.ts";

/** What a worker thread of `hum synth --workers N` is asked, in order; it answers each in turn. */
export type WorkerRequest =
  | { type: "universe"; universe: Array<[string, LabelSet]> }
  | { type: "render"; batch: RecordBatch };

export interface SynthWorkerData {
  options: BasicOptions;
}

const { options } = workerData as SynthWorkerData;
let universe = new Map<string, LabelSet>();

parentPort!.on("message", (request: WorkerRequest) => {
  switch (request.type) {
    case "universe":
      universe = new Map(request.universe);
      return parentPort!.postMessage(true);
    case "render":
      return parentPort!.postMessage(renderBatch(request.batch, universe, options));
  }
});
