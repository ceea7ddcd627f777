import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";

/**
 * A JSONL file that is complete or absent: lines go to a temporary file beside the target, renamed
 * over it by `commit`; `abandon` (after a failure) removes the temporary file. Lines are written as
 * they come, so memory stays flat.
 */
export class AtomicJsonlFile {
  readonly path: string;
  readonly #temporary: string;
  #fd: number | undefined;

  constructor(path: string) {
    this.path = path;
    this.#temporary = `${path}.${process.pid}.tmp`;
    this.#fd = openSync(this.#temporary, "w");
  }

  write(value: unknown): void {
    if (this.#fd === undefined) throw new Error(`${this.path}: already closed`);
    writeSync(this.#fd, `${JSON.stringify(value)}\n`);
  }

  async commit(): Promise<void> {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
    renameSync(this.#temporary, this.path);
  }

  abandon(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
    rmSync(this.#temporary, { force: true });
  }
}
