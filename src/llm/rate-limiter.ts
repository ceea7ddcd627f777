// Requests-per-minute and tokens-per-minute limits. A sliding-window log (rather than a token bucket)
// guarantees the bound over every window, not just on average, which is what a provider enforces.

/** Time as the limiter sees it; tests pass a virtual clock so that no assertion depends on the machine's load. */
export interface Clock {
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep };

export interface RateLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  /** The window the limits count over; one minute except in tests. */
  windowMs?: number;
}

/** A grant of capacity; `settle` corrects the token count once the server reports real usage. */
export interface RateGrant {
  settle(actualTokens: number): void;
}

interface WindowEntry {
  at: number;
  amount: number;
  counted: boolean;
}

class SlidingWindow {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #entries: WindowEntry[] = [];
  #total = 0;

  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Milliseconds until `amount` fits, 0 when it fits now. */
  waitFor(amount: number, now: number): number {
    this.#evict(now);
    const needed = Math.min(amount, this.#limit);
    let freed = this.#limit - this.#total;
    for (const entry of this.#entries) {
      if (freed >= needed) break;
      freed += entry.amount;
      if (freed >= needed) return entry.at + this.#windowMs - now;
    }
    return freed >= needed ? 0 : this.#windowMs;
  }

  record(amount: number, now: number): WindowEntry {
    const entry = { at: now, amount: Math.min(amount, this.#limit), counted: true };
    this.#entries.push(entry);
    this.#total += entry.amount;
    return entry;
  }

  adjust(entry: WindowEntry, amount: number): void {
    if (!entry.counted) return;
    this.#total += amount - entry.amount;
    entry.amount = amount;
  }

  #evict(now: number): void {
    while (this.#entries.length > 0 && this.#entries[0].at + this.#windowMs <= now) {
      const evicted = this.#entries.shift()!;
      evicted.counted = false;
      this.#total -= evicted.amount;
    }
  }
}

export class RateLimiter {
  readonly #requests: SlidingWindow | null;
  readonly #tokens: SlidingWindow | null;
  readonly #clock: Clock;
  #pausedUntil = 0;
  // Callers queue so that a large request is not overtaken forever by small ones.
  #queue: Promise<void> = Promise.resolve();

  constructor(limits: RateLimits, clock: Clock = systemClock) {
    this.#clock = clock;
    const windowMs = limits.windowMs ?? 60_000;
    this.#requests = limits.requestsPerMinute ? new SlidingWindow(limits.requestsPerMinute, windowMs) : null;
    this.#tokens = limits.tokensPerMinute ? new SlidingWindow(limits.tokensPerMinute, windowMs) : null;
  }

  /** Hold every caller back until `until` (a server said Retry-After to one of them). */
  pauseUntil(until: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, until);
  }

  acquire(estimatedTokens: number): Promise<RateGrant> {
    if (!this.#requests && !this.#tokens && this.#pausedUntil <= this.#clock.now())
      return Promise.resolve(noGrant);
    const granted = this.#queue.then(() => this.#waitAndRecord(estimatedTokens));
    this.#queue = granted.then(() => undefined);
    return granted;
  }

  async #waitAndRecord(estimatedTokens: number): Promise<RateGrant> {
    for (;;) {
      const now = this.#clock.now();
      const wait = Math.max(
        this.#pausedUntil - now,
        this.#requests?.waitFor(1, now) ?? 0,
        this.#tokens?.waitFor(estimatedTokens, now) ?? 0,
      );
      if (wait <= 0) break;
      await this.#clock.sleep(wait);
    }
    const now = this.#clock.now();
    this.#requests?.record(1, now);
    const tokenEntry = this.#tokens?.record(estimatedTokens, now);
    const tokens = this.#tokens;
    return {
      settle(actualTokens: number) {
        if (tokens && tokenEntry) tokens.adjust(tokenEntry, actualTokens);
      },
    };
  }
}

const noGrant: RateGrant = { settle() {} };

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
