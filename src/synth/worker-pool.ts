import { Worker } from "node:worker_threads";
import type { SynthWorkerData, WorkerRequest } from "./synth-worker-loop.ts";

interface Waiter {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads of a synthesis run. Request k goes to worker k mod N, and each worker answers its
 * requests in the order it got them, so answers can be taken in submission order: the output is written
 * in input order whatever the timing.
 */
export class WorkerPool {
  readonly #workers: Worker[];
  readonly #waiting: Waiter[][];
  #next = 0;
  #failure: Error | undefined;

  constructor(size: number, data: SynthWorkerData) {
    const entry = new URL("./synth-worker.ts", import.meta.url);
    this.#workers = Array.from({ length: size }, () => new Worker(entry, { workerData: data }));
    this.#waiting = this.#workers.map(() => []);
    this.#workers.forEach((worker, i) => {
      worker.on("message", (answer: unknown) => this.#waiting[i].shift()?.resolve(answer));
      worker.on("error", (error) => this.#fail(error instanceof Error ? error : new Error(String(error))));
      worker.on("exit", (code) => {
        if (this.#waiting[i].length > 0) this.#fail(new Error(`synthesis worker exited with code ${code}`));
      });
    });
  }

  get size(): number {
    return this.#workers.length;
  }

  /**
   * Ask the next worker in turn. The promise is marked handled: callers await answers in order later,
   * and a failure meanwhile must not count as an unhandled rejection.
   */
  ask<T>(request: WorkerRequest): Promise<T> {
    const answer = this.#send(this.#next++ % this.#workers.length, request) as Promise<T>;
    answer.catch(() => {});
    return answer;
  }

  /** Tell every worker the same thing, and wait until all have taken it. */
  async tellAll(request: WorkerRequest): Promise<void> {
    await Promise.all(this.#workers.map((_, i) => this.#send(i, request)));
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }

  #send(index: number, request: WorkerRequest): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#waiting[index].push({ resolve, reject });
      this.#workers[index].postMessage(request);
    });
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const queue of this.#waiting) for (const waiter of queue.splice(0)) waiter.reject(error);
  }
}

/**
 * Runs `ask` over a stream of items, keeping at most `depth` answers outstanding and handing each to
 * `take` in submission order.
 */
export async function inOrder<I, A>(
  items: AsyncIterable<I>,
  depth: number,
  ask: (item: I) => Promise<A>,
  take: (answer: A) => void | Promise<void>,
): Promise<void> {
  const outstanding: Array<Promise<A>> = [];
  for await (const item of items) {
    outstanding.push(ask(item));
    if (outstanding.length >= depth) await take(await outstanding.shift()!);
  }
  while (outstanding.length > 0) await take(await outstanding.shift()!);
}
