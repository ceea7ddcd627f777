import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { RecordBatch, RenderedBatch } from "./record-batch.ts";
import type { SynthWorkerData } from "./synth-worker.ts";

/**
 * Worker threads that render batches. Batch k goes to worker k mod N, and each worker answers its
 * batches in the order it got them, so results can be taken in submission order: the output is
 * written in input order whatever the timing.
 */
export class WorkerPool {
  readonly #workers: Worker[];
  readonly #waiting: Array<Array<{ resolve: (r: RenderedBatch) => void; reject: (e: Error) => void }>>;
  #next = 0;
  #failure: Error | undefined;

  constructor(size: number, data: SynthWorkerData) {
    const entry = new URL("./synth-worker.ts", import.meta.url);
    this.#workers = Array.from({ length: size }, () => new Worker(entry, { workerData: data }));
    this.#waiting = this.#workers.map(() => []);
    this.#workers.forEach((worker, i) => {
      worker.on("message", (result: RenderedBatch) => this.#waiting[i].shift()?.resolve(result));
      worker.on("error", (error) => this.#fail(error instanceof Error ? error : new Error(String(error))));
      worker.on("exit", (code) => {
        if (this.#waiting[i].length > 0) this.#fail(new Error(`synthesis worker exited with code ${code}`));
      });
    });
  }

  get size(): number {
    return this.#workers.length;
  }

  /** Render a batch on the next worker in turn. */
  render(batch: RecordBatch): Promise<RenderedBatch> {
    if (this.#failure) return Promise.reject(this.#failure);
    const index = this.#next++ % this.#workers.length;
    return new Promise((resolve, reject) => {
      this.#waiting[index].push({ resolve, reject });
      this.#workers[index].postMessage(batch);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const queue of this.#waiting) for (const waiter of queue.splice(0)) waiter.reject(error);
  }
}

/** Inputs smaller than this run on one thread by default: starting workers would cost more than they save. */
const PARALLEL_BYTES = 8 * 1024 * 1024;

/** The default `--workers`: every core for large inputs, one thread for small ones. */
export function defaultWorkerCount(inputs: ReadonlyArray<{ path: string }>): number {
  let bytes = 0;
  for (const { path } of inputs) {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isFile()) bytes += stats.size;
  }
  return bytes >= PARALLEL_BYTES ? availableParallelism() : 1;
}
