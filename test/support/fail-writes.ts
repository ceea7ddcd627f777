// A fault-injecting preload for tests: `node --import ./test/support/fail-writes.ts …` makes every
// synchronous file write fail with ENOSPC once HUM_FAIL_WRITES_AFTER bytes have been written to files
// whose path contains HUM_FAIL_WRITES_MATCH, as a full disk would. Nothing else changes.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const limit = Number(process.env.HUM_FAIL_WRITES_AFTER ?? "0");
const match = process.env.HUM_FAIL_WRITES_MATCH ?? "";
const watched = new Set<number>();
let written = 0;

const originalOpen = fs.openSync;
const originalWrite = fs.writeSync;

fs.openSync = ((path: fs.PathLike, ...rest: unknown[]) => {
  const fd = (originalOpen as (...args: unknown[]) => number)(path, ...rest);
  if (String(path).includes(match)) watched.add(fd);
  return fd;
}) as typeof fs.openSync;

fs.writeSync = ((fd: number, buffer: unknown, ...rest: unknown[]) => {
  if (watched.has(fd)) {
    const size = typeof buffer === "string" ? Buffer.byteLength(buffer) : (buffer as Uint8Array).byteLength;
    if (written + size > limit) {
      const error = new Error("ENOSPC: no space left on device, write") as NodeJS.ErrnoException;
      error.code = "ENOSPC";
      error.errno = -28;
      error.syscall = "write";
      throw error;
    }
    written += size;
  }
  return (originalWrite as (...args: unknown[]) => number)(fd, buffer, ...rest);
}) as typeof fs.writeSync;

syncBuiltinESMExports();
