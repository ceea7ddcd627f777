import { AtomicOutput } from "./atomic-output.ts";

/** A JSONL file being written; nothing appears at `path` until `commit`. */
export interface JsonlOutput {
  readonly path: string;
  /** Lines written so far. */
  readonly lines: number;
  /** One value as one line. */
  write(value: unknown): void;
  /** One line of already-serialised JSON (without its newline). */
  writeLine(text: string): void;
  /** `count` lines of already-serialised JSON, encoded as UTF-8, each ending with its newline. */
  writeEncoded(bytes: Uint8Array, count: number): void;
  /** Puts the complete file in place of the target (replacing any previous one). */
  commit(): void;
  /** Drops everything written; the target keeps its previous content. A no-op after commit. */
  abort(): void;
}

/**
 * Opens a JSONL output: lines are buffered and written to a temporary file beside `path`, which
 * `commit` renames over it. Use as `try { …write…; out.commit(); } finally { out.abort(); }`.
 * Throws a FileError naming the path when it is a folder, cannot be created, or another run holds it.
 */
export function openJsonlOutput(path: string): JsonlOutput {
  return new BufferedJsonlOutput(new AtomicOutput(path));
}

/** Writes the values as a JSONL file at `path`, complete or absent (see `openJsonlOutput`). */
export function writeJsonlFile(path: string, values: Iterable<unknown>): void {
  const out = openJsonlOutput(path);
  try {
    for (const value of values) out.write(value);
    out.commit();
  } finally {
    out.abort();
  }
}

// Writes in 1 MB pieces: few system calls, and memory stays flat however many lines are written. Lines
// are encoded straight into one reused buffer: no joined string and no new buffer per piece.
const FLUSH_BYTES = 1 << 20;

class BufferedJsonlOutput implements JsonlOutput {
  readonly #file: AtomicOutput;
  #buffer: Buffer = Buffer.allocUnsafe(FLUSH_BYTES);
  #used = 0;
  #lines = 0;

  constructor(file: AtomicOutput) {
    this.#file = file;
  }

  get path(): string {
    return this.#file.path;
  }

  get lines(): number {
    return this.#lines;
  }

  write(value: unknown): void {
    this.writeLine(JSON.stringify(value));
  }

  writeLine(text: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair: 4 for 2 units), plus the newline.
    const most = text.length * 3 + 1;
    if (this.#used + most > this.#buffer.length) {
      this.#flush();
      if (most > this.#buffer.length) this.#buffer = Buffer.allocUnsafe(most);
    }
    this.#used += this.#buffer.write(text, this.#used, "utf8");
    this.#buffer[this.#used++] = 0x0a;
    this.#lines++;
  }

  writeEncoded(bytes: Uint8Array, count: number): void {
    if (this.#used + bytes.length > this.#buffer.length) {
      this.#flush();
      // Lines bigger than the buffer go straight to the file.
      if (bytes.length > this.#buffer.length) {
        this.#file.write(bytes);
        this.#lines += count;
        return;
      }
    }
    this.#buffer.set(bytes, this.#used);
    this.#used += bytes.length;
    this.#lines += count;
  }

  commit(): void {
    this.#flush();
    this.#file.commit();
  }

  abort(): void {
    this.#used = 0;
    this.#file.abort();
  }

  #flush(): void {
    if (this.#used === 0) return;
    const used = this.#used;
    this.#used = 0;
    this.#file.write(this.#buffer.subarray(0, used));
  }
}
