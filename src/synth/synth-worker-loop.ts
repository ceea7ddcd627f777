import { parentPort, workerData } from "node:worker_threads";
import type { LabelSet } from "../records/index.ts";
import type { BasicOptions } from "./basic.ts";
import { type LineBatch, type LineReadOptions, lineItems, scanLines } from "./line-batch.ts";
import { type RecordBatch, renderBatch, renderItems } from "./record-batch.ts";

/** What a worker thread of `hum synth --workers N` is asked, in order; it answers each in turn. */
export type WorkerRequest =
  | { type: "inputs"; inputs: LineReadOptions[] }
  | { type: "universe"; universe: Array<[string, LabelSet]> }
  | { type: "scan-lines"; batch: LineBatch }
  | { type: "render-lines"; batch: LineBatch }
  | { type: "render"; batch: RecordBatch };

export interface SynthWorkerData {
  options: BasicOptions;
}

const { options } = workerData as SynthWorkerData;
let universe = new Map<string, LabelSet>();
let inputs: LineReadOptions[] = [];
/** Label maps by input, then by source, kept across batches. */
const labelMaps = new Map<number, Map<string, Record<string, string>>>();

function mapsOf(input: number): Map<string, Record<string, string>> {
  let maps = labelMaps.get(input);
  if (!maps) labelMaps.set(input, (maps = new Map()));
  return maps;
}

parentPort!.on("message", (request: WorkerRequest) => {
  switch (request.type) {
    case "inputs":
      inputs = request.inputs;
      return parentPort!.postMessage(true);
    case "universe":
      universe = new Map(request.universe);
      return parentPort!.postMessage(true);
    case "scan-lines": {
      const { batch } = request;
      return parentPort!.postMessage(scanLines(batch, inputs[batch.input], mapsOf(batch.input)));
    }
    case "render-lines": {
      const { batch } = request;
      const items = lineItems(batch, inputs[batch.input], mapsOf(batch.input));
      return parentPort!.postMessage(renderItems(items, universe, options, true));
    }
    case "render":
      return parentPort!.postMessage(renderBatch(request.batch, universe, options));
  }
});
