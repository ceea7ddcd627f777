import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { FileError, openJsonlOutput, refuseOutputOverInput, UsageError, writeFileAtomic } from "./index.ts";

const worker = fileURLToPath(new URL("../../test/support/kill-write-worker.ts", import.meta.url));
const failWrites = fileURLToPath(new URL("../../test/support/fail-writes.ts", import.meta.url));
const scratch = () => mkdtempSync(join(tmpdir(), "hum-io-"));

test("nothing appears at the target until commit; abort keeps the previous file", () => {
  const dir = scratch();
  const path = join(dir, "out.jsonl");
  writeFileSync(path, "old\n");
  const out = openJsonlOutput(path);
  out.write({ a: 1 });
  out.writeLine('{"b":2}');
  assert.equal(readFileSync(path, "utf8"), "old\n");
  out.abort();
  assert.equal(readFileSync(path, "utf8"), "old\n");
  assert.deepEqual(readdirSync(dir), ["out.jsonl"]);

  const again = openJsonlOutput(path);
  again.write({ a: 1 });
  again.commit();
  again.abort(); // after commit: no effect
  assert.equal(readFileSync(path, "utf8"), '{"a":1}\n');
  assert.equal(again.lines, 1);
  assert.deepEqual(readdirSync(dir), ["out.jsonl"]);
});

test("kill -9 in the middle of a write leaves the previous file intact, and the next run cleans up", async () => {
  const dir = scratch();
  const path = join(dir, "out.jsonl");
  writeFileSync(path, '{"previous":true}\n');
  const child = spawn(process.execPath, [worker, "--out", path], { stdio: ["ignore", "pipe", "inherit"] });
  let seen = "";
  for await (const chunk of child.stdout) {
    seen += chunk;
    if (seen.includes("writing")) break;
  }
  const temps = readdirSync(dir).filter((name) => name.endsWith(".tmp"));
  assert.equal(temps.length, 1, "the lines went to a temporary file beside the target");
  child.kill("SIGKILL");
  await once(child, "exit");
  assert.equal(readFileSync(path, "utf8"), '{"previous":true}\n');

  const finished = spawnSync(process.execPath, [worker, "--out", path, "--lines", "30000"], {
    encoding: "utf8",
  });
  assert.equal(finished.status, 0, finished.stderr);
  assert.equal(readFileSync(path, "utf8").split("\n").length - 1, 30000);
  assert.deepEqual(readdirSync(dir), ["out.jsonl"], "the dead run's temporary file and lock are gone");
});

test("a second run writing the same target is refused while the first is alive", async () => {
  const dir = scratch();
  const path = join(dir, "out.jsonl");
  const child = spawn(process.execPath, [worker, "--out", path], { stdio: ["ignore", "pipe", "inherit"] });
  for await (const chunk of child.stdout) if (String(chunk).includes("writing")) break;
  try {
    assert.throws(
      () => openJsonlOutput(path),
      (error: Error) => {
        assert.ok(error instanceof FileError);
        assert.match(
          error.message,
          new RegExp(`cannot write ${path}: another run \\(pid ${child.pid}\\) is writing it`),
        );
        return true;
      },
    );
  } finally {
    child.kill("SIGKILL");
    await once(child, "exit");
  }
  // The dead run's lock is taken over.
  const out = openJsonlOutput(path);
  out.write(1);
  out.commit();
  assert.equal(readFileSync(path, "utf8"), "1\n");
});

test("a folder as the target is refused up front with the path and the reason", () => {
  const dir = scratch();
  assert.throws(
    () => openJsonlOutput(dir),
    new RegExp(`^FileError: cannot write ${dir}: it is a folder \\(EISDIR\\)$`),
  );
  assert.throws(() => writeFileAtomic(dir, "x"), /it is a folder \(EISDIR\)/);
});

test("no permission to write the folder (EACCES) is one line naming the path", (t) => {
  const dir = scratch();
  chmodSync(dir, 0o755);
  const locked = join(dir, "locked");
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  const path = join(locked, "out.jsonl");
  const script = `
    import { openJsonlOutput } from ${JSON.stringify(new URL("./index.ts", import.meta.url).href)};
    try { openJsonlOutput(${JSON.stringify(path)}); } catch (error) { console.error(error.message); process.exitCode = 3; }`;
  // Root ignores permissions: the check then runs as the unprivileged user "nobody".
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  // A checkout inside a folder only root may enter (mktemp -d makes one) keeps "nobody" from running
  // Node or reading the sources at all: there is nothing to check then.
  const probe = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", `import ${JSON.stringify(new URL("./index.ts", import.meta.url).href)};`],
    {
      encoding: "utf8",
      ...asNobody,
    },
  );
  if (probe.status !== 0) {
    t.skip(
      `the unprivileged user cannot run this checkout's Node and sources (${probe.error?.message ?? probe.stderr.trim().split("\n")[0]})`,
    );
    return;
  }
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    ...asNobody,
  });
  assert.equal(run.status, 3, run.stderr);
  assert.equal(run.stderr.trim(), `cannot write ${path}: permission denied (EACCES)`);
});

test("a full disk (ENOSPC) mid-write fails with the path and reason, and leaves the previous file", () => {
  const dir = scratch();
  const path = join(dir, "out.jsonl");
  writeFileSync(path, "old\n");
  const script = `
    import { openJsonlOutput } from ${JSON.stringify(new URL("./index.ts", import.meta.url).href)};
    const out = openJsonlOutput(${JSON.stringify(path)});
    try {
      for (let i = 0; i < 100000; i++) out.write({ i, filler: "y".repeat(100) });
      out.commit();
    } catch (error) { console.error(error.message); process.exitCode = 3; } finally { out.abort(); }`;
  const run = spawnSync(process.execPath, ["--import", failWrites, "--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { ...process.env, HUM_FAIL_WRITES_AFTER: "3000000", HUM_FAIL_WRITES_MATCH: dir },
  });
  assert.equal(run.status, 3, run.stderr);
  assert.equal(run.stderr.trim(), `cannot write ${path}: no space left on the device (ENOSPC)`);
  assert.equal(readFileSync(path, "utf8"), "old\n");
  assert.deepEqual(readdirSync(dir), ["out.jsonl"]);
});

test("an output that is an input is refused, through symbolic and hard links too", () => {
  const dir = scratch();
  const input = join(dir, "data.jsonl");
  writeFileSync(input, "{}\n");
  symlinkSync(input, join(dir, "link.jsonl"));
  linkSync(input, join(dir, "hard.jsonl"));
  mkdirSync(join(dir, "sub"));
  for (const output of [
    input,
    join(dir, "link.jsonl"),
    join(dir, "hard.jsonl"),
    join(dir, "sub", "..", "data.jsonl"),
  ])
    assert.throws(() => refuseOutputOverInput([output], ["other.jsonl", input]), UsageError);
  refuseOutputOverInput([join(dir, "new.jsonl"), undefined], [input]);
  assert.equal(existsSync(join(dir, "new.jsonl")), false);
});

test("a device or a pipe is written in place, never replaced by a rename", () => {
  const out = openJsonlOutput("/dev/null");
  out.write({ discarded: true });
  out.commit();
  assert.ok(statSync("/dev/null").isCharacterDevice());
  writeFileAtomic("/dev/null", "also discarded\n");
  assert.ok(statSync("/dev/null").isCharacterDevice());
});

test("a JSONL output writes every line's bytes, across pieces and beyond the piece size", () => {
  const dir = scratch();
  const path = join(dir, "out.jsonl");
  const values = [
    "plain",
    "北京 🎬 \ud83c lone",
    "x".repeat(3 << 20),
    ...Array.from({ length: 5000 }, (_, i) => `${i} 星河 ${"y".repeat(i % 700)}`),
  ];
  const output = openJsonlOutput(path);
  for (const value of values) output.write({ value });
  output.writeLine('{"raw": true}');
  output.commit();
  const expected = `${values.map((value) => JSON.stringify({ value })).join("\n")}\n{"raw": true}\n`;
  assert.ok(readFileSync(path).equals(Buffer.from(expected, "utf8")));
});
