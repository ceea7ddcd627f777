import { mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { AtomicOutput, writeFileAtomic } from "../io/index.ts";

// Every file an export writes is complete or absent (src/io writes it beside its target and renames it
// into place when whole). An export is several files, so on failure it also takes back the ones it had
// already put in place: a failed export never leaves a mix of old and new files behind.

export { writeFileAtomic };

function temporaryPath(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

/** A text file written piece by piece, visible under its name only after `commit`. */
export class AtomicTextFile {
  readonly path: string;
  readonly #output: AtomicOutput;
  #committed = false;

  constructor(path: string) {
    this.path = path;
    this.#output = new AtomicOutput(path);
  }

  async write(text: string): Promise<void> {
    this.#output.write(text);
  }

  async commit(): Promise<void> {
    this.#output.commit();
    this.#committed = true;
  }

  /** After a failure anywhere in the run: drop the partial file, and the complete one if already renamed. */
  discard(): void {
    this.#output.abort();
    if (this.#committed) rmSync(this.path, { force: true });
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
