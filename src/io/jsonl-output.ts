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
  /** `count` lines of already-serialised JSON, joined, each ending with its newline. */
  writeLines(text: string, count: number): void;
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

// Writes in 1 MB pieces: few system calls, and memory stays flat however many lines are written.
const FLUSH_CHARS = 1 << 20;

class BufferedJsonlOutput implements JsonlOutput {
  readonly #file: AtomicOutput;
  #buffer: string[] = [];
  #bufferedChars = 0;
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
    this.#buffer.push(text, "\n");
    this.#bufferedChars += text.length + 1;
    this.#lines++;
    if (this.#bufferedChars >= FLUSH_CHARS) this.#flush();
  }

  writeLines(text: string, count: number): void {
    this.#buffer.push(text);
    this.#bufferedChars += text.length;
    this.#lines += count;
    if (this.#bufferedChars >= FLUSH_CHARS) this.#flush();
  }

  commit(): void {
    this.#flush();
    this.#file.commit();
  }

  abort(): void {
    this.#buffer = [];
    this.#file.abort();
  }

  #flush(): void {
    if (this.#buffer.length === 0) return;
    const text = this.#buffer.join("");
    this.#buffer = [];
    this.#bufferedChars = 0;
    this.#file.write(text);
  }
}
