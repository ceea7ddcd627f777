import { once } from "node:events";
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
  /**
   * The answer to one request; the promise is marked handled (callers await answers in order later).
   * `busyHere`: this thread has its own work besides rendering (compound synthesis decides here), so
   * it renders only what the workers fall behind on.
   */
  ask<T>(request: RenderRequest, busyHere?: boolean): Promise<T>;
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

/**
 * Requests each worker has waiting before a thread busy with its own work renders one: it then keeps
 * the workers supplied first, and renders only when they fall this far behind.
 */
const BUSY_BACKLOG = 3;

/**
 * Whether this thread takes the next request, given what it and the least busy worker have waiting:
 * when it has less (busy with other work: when it has none and the worker more than a backlog).
 */
export function rendersHere(queuedHere: number, workerWaiting: number, busyHere: boolean): boolean {
  return busyHere ? queuedHere === 0 && workerWaiting > BUSY_BACKLOG : queuedHere < workerWaiting;
}

interface Waiter {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** A request this thread renders when it is next free. */
interface LocalRequest extends Waiter {
  request: RenderRequest;
}

/**
 * The renderers of `--workers N`: this thread and N − 1 worker threads. Each request goes to the
 * renderer with the fewest unanswered (so one the system slows down, or this thread while it reads and
 * writes, gets less), and each renderer answers its requests in the order it got them; answers are
 * taken in submission order all the same (see `inOrder`). This thread renders between its reads and
 * writes, one request per turn of the event loop, so a run on N cores starts N − 1 threads, not N.
 */
export class WorkerPool implements RenderPool {
  readonly #here: BatchRenderer;
  readonly #hereQueue: LocalRequest[] = [];
  readonly #workers: Worker[];
  readonly #waiting: Waiter[][];
  /** Whether each worker has answered yet: until then it is loading, and this thread renders. */
  readonly #started: boolean[];
  readonly #allStarted: Promise<void>;
  #failure: Error | undefined;

  constructor(size: number, data: SynthWorkerData) {
    this.#here = new BatchRenderer(data.options);
    const entry = new URL("./synth-worker.ts", import.meta.url);
    this.#workers = Array.from({ length: size - 1 }, () => new Worker(entry, { workerData: data }));
    this.#waiting = this.#workers.map(() => []);
    this.#started = this.#workers.map(() => false);
    const firstAnswers = this.#workers.map((worker) => once(worker, "message"));
    this.#allStarted = Promise.all(firstAnswers).then(
      () => {},
      () => {},
    );
    this.#workers.forEach((worker, i) => {
      worker.on("message", (answer: unknown) => {
        this.#started[i] = true;
        this.#waiting[i].shift()?.resolve(answer);
      });
      worker.on("error", (error) => this.#fail(asError(error)));
      worker.on("exit", (code) => {
        if (this.#waiting[i].length > 0) this.#fail(new Error(`synthesis worker exited with code ${code}`));
      });
    });
  }

  get size(): number {
    return this.#workers.length + 1;
  }

  /** Settles once every worker has answered a request, or one failed: tests wait for it. */
  started(): Promise<void> {
    return this.#allStarted;
  }

  /**
   * Three batches a renderer: one it renders, one waiting with it, one more for the renderer that
   * finishes early while another is slowed down.
   */
  get depth(): number {
    return 3 * this.size;
  }

  /**
   * Ask the renderer with the least to do: a worker, or this thread when it has less than each (when it
   * is busy with other work: when it has nothing queued and each worker has more than a backlog).
   */
  ask<T>(request: RenderRequest, busyHere = false): Promise<T> {
    const worker = this.#leastBusy();
    const here =
      worker === undefined || rendersHere(this.#hereQueue.length, this.#waiting[worker].length, busyHere);
    const answer = (here ? this.#askHere(request) : this.#send(worker, request)) as Promise<T>;
    answer.catch(() => {});
    return answer;
  }

  /**
   * Waits for this thread alone: a worker takes its messages in the order sent, so it has taken this
   * before any later request (a worker still starting up need not hold this thread back), and a
   * failure fails the pool.
   */
  async tellAll(request: RenderRequest): Promise<void> {
    for (const [i] of this.#workers.entries()) this.#send(i, request).catch(() => {});
    await this.#askHere(request);
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

  /** Queue a request for this thread; the first in an empty queue starts its turns. */
  #askHere(request: RenderRequest): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      if (this.#hereQueue.push({ request, resolve, reject }) === 1) setImmediate(() => this.#renderHere());
    });
  }

  /**
   * Render the oldest request queued here, then give the event loop a turn before the next. A failure
   * fails the pool, as a worker's does.
   */
  #renderHere(): void {
    const next = this.#hereQueue.shift();
    if (!next) return;
    try {
      next.resolve(this.#here.answer(next.request));
    } catch (error) {
      next.reject(asError(error));
      this.#fail(asError(error));
    }
    if (this.#hereQueue.length > 0) setImmediate(() => this.#renderHere());
  }

  /** The started worker with the fewest unanswered requests (none started: undefined). */
  #leastBusy(): number | undefined {
    let best: number | undefined;
    for (let i = 0; i < this.#waiting.length; i++)
      if (this.#started[i] && (best === undefined || this.#waiting[i].length < this.#waiting[best].length))
        best = i;
    return best;
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const queue of this.#waiting) for (const waiter of queue.splice(0)) waiter.reject(error);
    for (const waiter of this.#hereQueue.splice(0)) waiter.reject(error);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
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
