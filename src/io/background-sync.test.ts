import assert from "node:assert/strict";
import { fdatasync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { SyncFile } from "./background-sync.ts";
import { AtomicOutput, FileError } from "./index.ts";

const scratch = () => mkdtempSync(join(tmpdir(), "hum-sync-"));

/** A sync that only records its calls, to be finished (or failed) by the test. */
function heldSyncs() {
  const calls: Array<(error: NodeJS.ErrnoException | null) => void> = [];
  const sync: SyncFile = (_fd, done) => calls.push(done);
  return { calls, sync };
}

test("a sync starts each time enough more bytes are written, never two at once", () => {
  const path = join(scratch(), "out.jsonl");
  const { calls, sync } = heldSyncs();
  const out = new AtomicOutput(path, { syncEvery: 10, sync });
  out.write("12345");
  assert.equal(calls.length, 0);
  out.write("67890");
  assert.equal(calls.length, 1);
  out.write("x".repeat(25));
  assert.equal(calls.length, 1, "one is still running");
  calls[0](null);
  out.write("y");
  assert.equal(calls.length, 2, "the bytes written meanwhile are due");
  calls[1](null);
  out.commit();
  assert.equal(readFileSync(path, "utf8"), `1234567890${"x".repeat(25)}y`);
});

test("a failed background sync fails the commit, and the previous file stays", () => {
  const dir = scratch();
  const path = join(dir, "out.jsonl");
  writeFileSync(path, "old\n");
  const { calls, sync } = heldSyncs();
  const out = new AtomicOutput(path, { syncEvery: 4, sync });
  out.write("new content\n");
  calls[0](Object.assign(new Error("input/output error"), { code: "EIO" }));
  assert.throws(
    () => out.commit(),
    (error: unknown) =>
      error instanceof FileError && error.message.includes(path) && /EIO/.test(error.message),
  );
  assert.equal(readFileSync(path, "utf8"), "old\n");
  assert.deepEqual(readdirSync(dir), ["out.jsonl"]);
});

test("with the real fdatasync, syncs along the way leave the whole file", async () => {
  const path = join(scratch(), "out.jsonl");
  // Each sync's end is awaited before writing on, so the count does not depend on the disk's speed.
  let finished: Promise<void> = Promise.resolve();
  let syncs = 0;
  const counted: SyncFile = (fd, done) => {
    syncs++;
    finished = new Promise((resolve) =>
      fdatasync(fd, (error) => {
        done(error);
        resolve();
      }),
    );
  };
  const out = new AtomicOutput(path, { syncEvery: 1 << 16, sync: counted });
  const line = `${"z".repeat(1023)}\n`;
  for (let i = 0; i < 512; i++) {
    out.write(line);
    await finished;
  }
  out.commit();
  assert.equal(syncs, 8, "one sync per 64 KB written");
  assert.equal(readFileSync(path, "utf8"), line.repeat(512));
});
