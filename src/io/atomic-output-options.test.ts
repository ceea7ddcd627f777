import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { AtomicOutput } from "./index.ts";

const scratch = () => mkdtempSync(join(tmpdir(), "hum-io-"));

test("a file written by name to tempPath appears whole at commit and never before", () => {
  const dir = scratch();
  const path = join(dir, "data.parquet");
  writeFileSync(path, "old");
  const out = new AtomicOutput(path, { byName: true });
  // As a library that takes a file name does: truncate, then append chunks.
  writeFileSync(out.tempPath, "", { flag: "w" });
  writeFileSync(out.tempPath, "new ", { flag: "a" });
  writeFileSync(out.tempPath, "bytes", { flag: "a" });
  assert.throws(() => out.write("more"), /written by name/);
  assert.equal(readFileSync(path, "utf8"), "old");
  assert.ok(readdirSync(dir).includes("data.parquet.lock"));
  out.commit();
  assert.equal(readFileSync(path, "utf8"), "new bytes");
  assert.deepEqual(readdirSync(dir), ["data.parquet"]);
});

test("discard drops a partial output, and a committed one, leaving nothing of either", () => {
  const dir = scratch();
  const partial = new AtomicOutput(join(dir, "a.jsonl"));
  partial.write("half");
  const whole = new AtomicOutput(join(dir, "b.jsonl"));
  whole.write("all\n");
  whole.commit();
  assert.equal(readFileSync(join(dir, "b.jsonl"), "utf8"), "all\n");
  partial.discard();
  whole.discard();
  assert.deepEqual(readdirSync(dir), []);
});

test("discard before anything is written removes the temporary file and the lock", () => {
  const dir = scratch();
  const out = new AtomicOutput(join(dir, "c.jsonl"), { byName: true });
  writeFileSync(out.tempPath, "x");
  out.discard();
  assert.deepEqual(readdirSync(dir), []);
});
