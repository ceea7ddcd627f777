// A single self-overwriting status line on a terminal. Redirected output (logs, CI) gets nothing here:
// repeated carriage-return lines only make noise in a file.

export interface ProgressCounts {
  done: number;
  total: number;
  failed: number;
}

export class ProgressLine {
  readonly #stream: NodeJS.WriteStream | null;
  readonly #startedAt = performance.now();
  readonly #intervalMs: number;
  #lastDrawnAt = Number.NEGATIVE_INFINITY;
  #visible = false;

  constructor(stream: NodeJS.WriteStream | null, intervalMs = 250) {
    this.#stream = stream?.isTTY ? stream : null;
    this.#intervalMs = intervalMs;
  }

  /** Takes a function so that nothing is counted when there is no terminal to draw on. */
  update(currentCounts: () => ProgressCounts): void {
    if (!this.#stream) return;
    const counts = currentCounts();
    const now = performance.now();
    // Redraw at most a few times a second, and always for the last request.
    if (now - this.#lastDrawnAt < this.#intervalMs && counts.done < counts.total) return;
    this.#lastDrawnAt = now;
    this.#stream.write(`\r\x1b[2K${describeProgress(counts, now - this.#startedAt)}`);
    this.#visible = true;
  }

  clear(): void {
    if (!this.#stream || !this.#visible) return;
    this.#stream.write("\r\x1b[2K");
    this.#visible = false;
  }
}

export function describeProgress(counts: ProgressCounts, elapsedMs: number): string {
  const rate = counts.done / Math.max(elapsedMs / 1000, 1e-3);
  const remaining = counts.total - counts.done;
  const eta = counts.done > 0 && remaining > 0 ? ` · ETA ${formatDuration(remaining / rate)}` : "";
  const failed = counts.failed > 0 ? ` · ${counts.failed} failed` : "";
  return `llm: ${counts.done}/${counts.total} · ${rate.toFixed(1)} req/s${failed}${eta}`;
}

function formatDuration(seconds: number): string {
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m${String(whole % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}
