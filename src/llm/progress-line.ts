// Progress of a run. On a terminal: one self-overwriting line, redrawn a few times a second. Redirected
// (logs, CI, `2> run.log`): a plain line every few seconds, so a long run can be followed in the file.

export interface ProgressCounts {
  done: number;
  total: number;
  failed: number;
  /** Prompt plus completion tokens the server reported so far. */
  tokens: number;
}

export interface ProgressOptions {
  /** Between redraws on a terminal (default 250 ms). */
  terminalIntervalMs?: number;
  /** Between lines when not a terminal (default 10 s). */
  logIntervalMs?: number;
  /** Milliseconds since some origin; injected by tests. */
  now?: () => number;
}

export class ProgressLine {
  readonly #stream: NodeJS.WritableStream | null;
  readonly #terminal: boolean;
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #startedAt: number;
  #lastDrawnAt: number;
  #visible = false;

  constructor(stream: (NodeJS.WritableStream & { isTTY?: boolean }) | null, options: ProgressOptions = {}) {
    this.#stream = stream;
    this.#terminal = stream?.isTTY === true;
    this.#intervalMs = this.#terminal
      ? (options.terminalIntervalMs ?? 250)
      : (options.logIntervalMs ?? 10_000);
    this.#now = options.now ?? (() => performance.now());
    this.#startedAt = this.#now();
    // A log's first line comes one interval in: short runs print only their summary.
    this.#lastDrawnAt = this.#terminal ? Number.NEGATIVE_INFINITY : this.#startedAt;
  }

  /** Takes a function so that nothing is counted when there is nothing to draw. */
  update(currentCounts: () => ProgressCounts): void {
    if (!this.#stream) return;
    const now = this.#now();
    if (now - this.#lastDrawnAt < this.#intervalMs) {
      // On a terminal the last request always redraws, so the line ends at total/total.
      if (!this.#terminal) return;
      const counts = currentCounts();
      if (counts.done < counts.total) return;
      this.#draw(counts, now);
      return;
    }
    this.#draw(currentCounts(), now);
  }

  /** Where the run stands, as a line: for Ctrl-C. */
  describe(counts: ProgressCounts): string {
    return describeProgress(counts, this.#now() - this.#startedAt);
  }

  clear(): void {
    if (!this.#stream || !this.#visible) return;
    this.#stream.write("\r\x1b[2K");
    this.#visible = false;
  }

  #draw(counts: ProgressCounts, now: number): void {
    this.#lastDrawnAt = now;
    const line = describeProgress(counts, now - this.#startedAt);
    if (this.#terminal) {
      this.#stream!.write(`\r\x1b[2K${line}`);
      this.#visible = true;
    } else this.#stream!.write(`${line}\n`);
  }
}

export function describeProgress(counts: ProgressCounts, elapsedMs: number): string {
  const rate = counts.done / Math.max(elapsedMs / 1000, 1e-3);
  const remaining = counts.total - counts.done;
  const eta = counts.done > 0 && remaining > 0 ? ` · ETA ${formatDuration(remaining / rate)}` : "";
  const failed = counts.failed > 0 ? ` · ${counts.failed} failed` : "";
  const tokens = counts.tokens > 0 ? ` · ${counts.tokens} tokens` : "";
  return `llm: ${counts.done}/${counts.total} · ${rate.toFixed(1)} req/s${failed}${tokens}${eta}`;
}

function formatDuration(seconds: number): string {
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m${String(whole % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}
