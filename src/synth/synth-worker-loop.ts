import { parentPort, workerData } from "node:worker_threads";
import type { BasicOptions } from "./basic.ts";
import { BatchRenderer, type RenderRequest } from "./batch-renderer.ts";
import type { RenderedCompound } from "./compound-batch.ts";
import { encoded, type RenderedBatch } from "./record-batch.ts";

/** What a worker thread of `hum synth --workers N` is started with. */
export interface SynthWorkerData {
  options: BasicOptions;
}

const renderer = new BatchRenderer((workerData as SynthWorkerData).options);

// Requests are answered one at a time, in the order they came: the pool relies on it.
parentPort!.on("message", (request: RenderRequest) => {
  const answer = renderer.answer(request);
  if (request.type === "render" || request.type === "render-lines" || request.type === "render-compound") {
    const rendered = encoded(answer as RenderedBatch | RenderedCompound);
    parentPort!.postMessage(rendered, [rendered.instructions.buffer]);
  } else parentPort!.postMessage(answer);
});
