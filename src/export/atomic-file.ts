import { once } from "node:events";
import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream, writeFileSync } from "node:fs";
import { dirname } from "node:path";

// Every file an export writes is complete or absent: it is written beside its target under a temporary
// name and renamed into place only when whole. This is the one place that knows how; a shared module
// can replace it without touching the writers.

function temporaryPath(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

/** Write a whole file at once, atomically. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = temporaryPath(path);
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

/** A text file written line by line with back-pressure, visible under its name only after `commit`. */
export class AtomicTextFile {
  readonly path: string;
  readonly temporary: string;
  readonly #stream: WriteStream;
  #buffer: string[] = [];
  #bufferedChars = 0;
  #committed = false;

  constructor(path: string) {
    this.path = path;
    this.temporary = temporaryPath(path);
    mkdirSync(dirname(path), { recursive: true });
    this.#stream = createWriteStream(this.temporary, { encoding: "utf8" });
  }

  async write(text: string): Promise<void> {
    this.#buffer.push(text);
    this.#bufferedChars += text.length;
    if (this.#bufferedChars >= FLUSH_CHARS) await this.#flush();
  }

  async commit(): Promise<void> {
    await this.#flush();
    this.#stream.end();
    await once(this.#stream, "finish");
    renameSync(this.temporary, this.path);
    this.#committed = true;
  }

  /**
   * After a failure anywhere in the run: drop the partial file, and the complete one if this run
   * already renamed it, so a failed export never leaves a mix of files behind.
   */
  discard(): void {
    this.#stream.destroy();
    rmSync(this.temporary, { force: true });
    if (this.#committed) rmSync(this.path, { force: true });
  }

  async #flush(): Promise<void> {
    if (this.#buffer.length === 0) return;
    const text = this.#buffer.join("");
    this.#buffer = [];
    this.#bufferedChars = 0;
    if (!this.#stream.write(text)) await once(this.#stream, "drain");
  }
}

/** A binary file written by a library into a temporary path, then renamed. */
export class AtomicPath {
  readonly path: string;
  readonly temporary: string;
  #committed = false;

  constructor(path: string) {
    this.path = path;
    this.temporary = temporaryPath(path);
    mkdirSync(dirname(path), { recursive: true });
  }

  commit(): void {
    renameSync(this.temporary, this.path);
    this.#committed = true;
  }

  /** As {@link AtomicTextFile.discard}: the partial file, and the complete one this run renamed. */
  discard(): void {
    rmSync(this.temporary, { force: true });
    if (this.#committed) rmSync(this.path, { force: true });
  }
}

const FLUSH_CHARS = 1 << 20;
