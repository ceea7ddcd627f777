// Every file Hum writes goes to a temporary file beside its target and is renamed over the target only
// once complete, so a crash, kill -9 or full disk leaves the previous file as it was and never a
// complete-looking partial one. A lock file beside the target keeps two runs from writing it at once.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { BackgroundSync, type SyncFile } from "./background-sync.ts";
import { FileError } from "./errors.ts";

export interface AtomicOutputOptions {
  /** Take `<path>.lock` while writing (the default); off for small whole files written at once. */
  lock?: boolean;
  /**
   * The bytes are written to `tempPath` by a library that takes a file name (a Parquet writer), not
   * through `write`; the output reserves the temporary file and flushes and renames it on `commit`.
   */
  byName?: boolean;
  /**
   * Flush to disk in the background each time this many more bytes are written (default 32 MB; 0:
   * only at commit), through `sync` (default fs.fdatasync; tests make it fail). See BackgroundSync.
   */
  syncEvery?: number;
  sync?: SyncFile;
}

const SYNC_EVERY = 32 << 20;

/** A file being written: bytes go to `tempPath`; `commit` renames it to `path`, `abort` removes it. */
export class AtomicOutput {
  readonly path: string;
  readonly tempPath: string;
  readonly #lockPath: string | null;
  readonly #byName: boolean;
  #direct = false;
  #committed = false;
  #fd: number | null;
  #background: BackgroundSync | null = null;

  constructor(path: string, options: AtomicOutputOptions = {}) {
    this.path = path;
    this.#byName = options.byName === true;
    const absolute = resolve(path);
    refuseFolder(path, absolute);
    if (isSpecialFile(absolute)) {
      // /dev/null, /dev/stdout, a named pipe: written in place; a rename would replace the device.
      this.tempPath = absolute;
      this.#lockPath = null;
      this.#direct = true;
      try {
        this.#fd = openSync(absolute, "w");
      } catch (error) {
        throw new FileError(path, "write", error);
      }
      openOutputs.add(this);
      return;
    }
    try {
      mkdirSync(dirname(absolute), { recursive: true });
    } catch (error) {
      throw new FileError(path, "write", error);
    }
    removeStaleTemps(absolute);
    this.#lockPath = options.lock === false ? null : takeLock(path, absolute);
    this.tempPath = tempPathFor(absolute);
    try {
      this.#fd = openSync(this.tempPath, "wx", 0o644);
    } catch (error) {
      this.#release();
      throw new FileError(path, "write", error);
    }
    const every = options.syncEvery ?? SYNC_EVERY;
    if (every > 0 && !this.#byName) this.#background = new BackgroundSync(this.tempPath, every, options.sync);
    openOutputs.add(this);
  }

  get isOpen(): boolean {
    return this.#fd !== null;
  }

  write(data: string | Uint8Array): void {
    if (this.#fd === null) throw new Error(`${this.path}: written after commit or abort`);
    if (this.#byName) throw new Error(`${this.path}: written by name, not through write`);
    try {
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(this.#fd, bytes, offset, bytes.length - offset);
      this.#background?.wrote(bytes.length);
    } catch (error) {
      this.abort();
      throw new FileError(this.path, "write", error);
    }
  }

  /** Flushes to disk and puts the file in place of the target. */
  commit(): void {
    if (this.#fd === null) throw new Error(`${this.path}: committed after commit or abort`);
    const fd = this.#fd;
    if (this.#direct) {
      this.#fd = null;
      closeSync(fd);
      this.#release();
      return;
    }
    try {
      // A failed background sync may have lost written pages: the file is not known to be whole.
      if (this.#background?.error !== undefined) throw this.#background.error;
      this.#background?.close();
      // fsync flushes the file whichever descriptor wrote it, so a file written by name is on disk too.
      fsyncSync(fd);
      closeSync(fd);
      this.#fd = null;
      renameSync(this.tempPath, this.path);
    } catch (error) {
      this.#fd = null;
      rmSync(this.tempPath, { force: true });
      this.#release();
      throw new FileError(this.path, "write", error);
    }
    this.#committed = true;
    this.#release();
  }

  /**
   * Drops the output whatever its state: what was written, or — once committed — the file it put in
   * place. An output of several files calls it on each when one fails, so that none of them is left.
   */
  discard(): void {
    this.abort();
    if (this.#committed && !this.#direct) rmSync(this.path, { force: true });
    this.#committed = false;
  }

  /** Drops what was written; the target keeps its previous content. Safe to call after commit. */
  abort(): void {
    if (this.#fd !== null) {
      try {
        closeSync(this.#fd);
      } catch {
        // Closing can fail on a broken device; the temporary file is removed all the same.
      }
      this.#fd = null;
      if (!this.#direct) rmSync(this.tempPath, { force: true });
    }
    this.#release();
  }

  #release(): void {
    this.#background?.close();
    openOutputs.delete(this);
    if (this.#lockPath) rmSync(this.#lockPath, { force: true });
  }
}

/** Writes a whole file atomically: the target holds either its old content or all of `data`. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const output = new AtomicOutput(path, { lock: false });
  output.write(data);
  output.commit();
}

// Outputs still open when the process exits (an error, process.exit) leave neither temp file nor lock.
const openOutputs = new Set<AtomicOutput>();
process.once("exit", () => {
  for (const output of [...openOutputs]) output.abort();
});

let counter = 0;
const TEMP_SUFFIX = ".tmp";

// Hidden, with the writer's pid, so a later run can tell a dead run's leftovers from a live one's.
function tempPathFor(absolute: string): string {
  counter++;
  return join(dirname(absolute), `.${basename(absolute)}.${process.pid}-${counter}${TEMP_SUFFIX}`);
}

function isSpecialFile(absolute: string): boolean {
  if (!existsSync(absolute)) return false;
  const stats = statSync(absolute);
  return !stats.isFile() && !stats.isDirectory();
}

function refuseFolder(path: string, absolute: string): void {
  if (existsSync(absolute) && statSync(absolute).isDirectory())
    throw new FileError(path, "write", Object.assign(new Error("is a folder"), { code: "EISDIR" }));
}

/** Temporary files that a killed run left beside this target. */
function removeStaleTemps(absolute: string): void {
  const prefix = `.${basename(absolute)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(absolute));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(name.slice(prefix.length, -TEMP_SUFFIX.length).split("-")[0]);
    if (Number.isInteger(pid) && pid > 0 && !isAlive(pid))
      rmSync(join(dirname(absolute), name), { force: true });
  }
}

function takeLock(path: string, absolute: string): string {
  const lockPath = `${absolute}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return lockPath;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new FileError(path, "write", error);
      const holder = lockHolder(lockPath);
      if (holder === process.pid)
        throw new FileError(path, "write", new Error("this run is already writing it"));
      if (holder !== null && isAlive(holder))
        throw new FileError(
          path,
          "write",
          new Error(
            `another run (pid ${holder}) is writing it; wait for it to finish, or remove ${lockPath} if no run is`,
          ),
        );
      rmSync(lockPath, { force: true });
    }
  }
  throw new FileError(path, "write", new Error(`could not take the lock ${lockPath}`));
}

function lockHolder(lockPath: string): number | null {
  try {
    const pid = Number(readFileSync(lockPath, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
