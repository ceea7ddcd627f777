import { Worker } from "node:worker_threads";
import type { BasicOptions } from "./basic.ts";
import { BatchRenderer, type RenderRequest } from "./batch-renderer.ts";
import type { SynthWorkerData } from "./synth-worker-loop.ts";

/**
 * Where a run's batches are rendered: worker threads, or this thread. Answers are taken in the order
 * the requests were made, so the output is written in input order whatever the timing.
 */
export interface RenderPool {
  readonly size: number;
  /** Requests to keep unanswered at once: enough that no renderer waits for the next. */
  readonly depth: number;
  /** The answer to one request; the promise is marked handled (callers await answers in order later). */
  ask<T>(request: RenderRequest): Promise<T>;
  /** Tell every renderer the same thing, and wait until all have taken it. */
  tellAll(request: RenderRequest): Promise<void>;
  close(): Promise<void>;
}

/** A run on one thread: the same renderer a worker holds, asked directly. */
export class ThisThread implements RenderPool {
  readonly size = 1;
  readonly depth = 1;
  readonly #renderer: BatchRenderer;

  constructor(options: BasicOptions) {
    this.#renderer = new BatchRenderer(options);
  }

  ask<T>(request: RenderRequest): Promise<T> {
    try {
      return Promise.resolve(this.#renderer.answer(request) as T);
    } catch (error) {
      const failed = Promise.reject(error);
      failed.catch(() => {});
      return failed;
    }
  }

  async tellAll(request: RenderRequest): Promise<void> {
    await this.ask(request);
  }

  async close(): Promise<void> {}
}

interface Waiter {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads of a synthesis run. Each request goes to the worker with the fewest unanswered (so a
 * worker the system slows down gets less), and each worker answers its requests in the order it got
 * them; answers are taken in submission order all the same (see `inOrder`).
 */
export class WorkerPool implements RenderPool {
  readonly #workers: Worker[];
  readonly #waiting: Waiter[][];
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
   * Three batches a worker: one it renders, one waiting with it, one more for the worker that finishes
   * early while this thread is still writing or is slowed down.
   */
  get depth(): number {
    return 3 * this.#workers.length;
  }

  /** Ask the worker with the least to do. */
  ask<T>(request: RenderRequest): Promise<T> {
    const answer = this.#send(this.#leastBusy(), request) as Promise<T>;
    answer.catch(() => {});
    return answer;
  }

  async tellAll(request: RenderRequest): Promise<void> {
    await Promise.all(this.#workers.map((_, i) => this.#send(i, request)));
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }

  #send(index: number, request: RenderRequest): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#waiting[index].push({ resolve, reject });
      this.#workers[index].postMessage(request);
    });
  }

  #leastBusy(): number {
    let best = 0;
    for (let i = 1; i < this.#waiting.length; i++)
      if (this.#waiting[i].length < this.#waiting[best].length) best = i;
    return best;
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
