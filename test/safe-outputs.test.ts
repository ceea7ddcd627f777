// Every file `hum` writes is complete or absent, never written over one of its inputs, never spliced by
// two runs, and a write error is one line naming the path: tested on the real binary and real files.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { humBin, repositoryRoot, runHum } from "./support/run-hum.ts";

const failWrites = join(repositoryRoot, "test/support/fail-writes.ts");
const scratch = () => mkdtempSync(join(tmpdir(), "hum-safe-"));

function record(i: number): string {
  const name = `Person${i}`;
  return JSON.stringify({
    kind: "entities",
    id: `r${i}`,
    source: "people",
    lang: "en",
    text: `${name} moved to London in ${1900 + (i % 100)}.`,
    entities: [
      { text: name, type: "person" },
      { text: "London", type: "location" },
    ],
  });
}

function dataset(dir: string, count: number): string {
  const path = join(dir, "data.jsonl");
  writeFileSync(path, `${Array.from({ length: count }, (_, i) => record(i)).join("\n")}\n`);
  return path;
}

/** Resolves once a hidden temporary file of `target` exists and has bytes in it. */
async function temporaryFileAppears(dir: string, target: string): Promise<void> {
  for (;;) {
    const temp = readdirSync(dir).find((name) => name.startsWith(`.${target}.`) && name.endsWith(".tmp"));
    if (temp) {
      try {
        if (readFileSync(join(dir, temp)).length > 0) return;
      } catch {
        // Renamed or removed between the listing and the read: look again.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

for (const workers of ["1", "2"])
  test(`kill -9 in the middle of synth (--workers ${workers}) leaves the previous output and rejects intact`, async () => {
    const dir = scratch();
    const input = dataset(dir, 20_000);
    const out = join(dir, "out.jsonl");
    writeFileSync(out, "previous corpus\n");
    writeFileSync(`${out}.rejects.jsonl`, "previous rejects\n");
    let killed = false;
    const run = await runHum(
      ["synth", "-i", input, "-o", out, "--compound-ratio", "0", "--workers", workers],
      {
        started: (child) => {
          temporaryFileAppears(dir, "out.jsonl").then(() => {
            killed = child.kill("SIGKILL");
          });
        },
      },
    );
    assert.ok(
      killed && run.signal === "SIGKILL",
      `the run was killed mid-write (${run.status} ${run.stderr})`,
    );
    assert.equal(readFileSync(out, "utf8"), "previous corpus\n");
    assert.equal(readFileSync(`${out}.rejects.jsonl`, "utf8"), "previous rejects\n");
    // Besides the dead run's lock files, only the hidden temporary files: nothing that looks complete.
    const visible = readdirSync(dir).filter((name) => !name.startsWith(".") && !name.endsWith(".lock"));
    assert.deepEqual(visible.sort(), ["data.jsonl", "out.jsonl", "out.jsonl.rejects.jsonl"]);

    // The next run takes over the dead run's locks and leaves no temporary file behind.
    const again = await runHum([
      "synth",
      "-i",
      input,
      "-o",
      out,
      "--compound-ratio",
      "0",
      "--workers",
      workers,
    ]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(readFileSync(out, "utf8").trim().split("\n").length, 20_000);
    assert.deepEqual(readdirSync(dir).sort(), ["data.jsonl", "out.jsonl", "out.jsonl.rejects.jsonl"]);
  });

test("a second synth writing the same --out is refused while the first runs; the first completes", async () => {
  const dir = scratch();
  const input = dataset(dir, 5000);
  const out = join(dir, "out.jsonl");
  let second: Awaited<ReturnType<typeof runHum>> | undefined;
  const first = await runHum(["synth", "-i", input, "-o", out, "--compound-ratio", "0"], {
    started: (child) => {
      temporaryFileAppears(dir, "out.jsonl").then(async () => {
        // Paused while holding its lock: the second run meets it whatever the machine's load.
        child.kill("SIGSTOP");
        second = await runHum(["synth", "-i", input, "-o", out]);
        child.kill("SIGCONT");
      });
    },
  });
  assert.equal(first.status, 0, first.stderr);
  assert.ok(second);
  assert.equal(second.status, 1);
  assert.match(
    second.stderr,
    new RegExp(`^hum: cannot write ${out}.*another run \\(pid \\d+\\) is writing it`),
  );
  assert.equal(readFileSync(out, "utf8").trim().split("\n").length, 5000);
});

for (const command of ["synth", "convert"] as const) {
  test(`${command} refuses an --out that is its input (same path or a link) and leaves the input intact`, async () => {
    const dir = scratch();
    const input = dataset(dir, 3);
    const before = readFileSync(input);
    symlinkSync(input, join(dir, "link.jsonl"));
    for (const out of [input, join(dir, "link.jsonl"), join(dir, ".", "data.jsonl")]) {
      const args = command === "synth" ? ["synth", "-i", input, "-o", out] : ["convert", input, "--out", out];
      const run = await runHum(args);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /the output .* is the input .*: choose another output file/);
      assert.match(run.stderr, new RegExp(`Usage: hum ${command}`), "a usage error shows the usage");
      assert.deepEqual(readFileSync(input), before);
    }
    assert.deepEqual(readdirSync(dir).sort(), ["data.jsonl", "link.jsonl"]);
  });
}

// The default run (compound, one thread), and a basic-only run on two worker threads.
for (const flags of [[], ["--compound-ratio", "0", "--workers", "2"]])
  test(`a full disk (ENOSPC, injected; ${flags.join(" ") || "defaults"}) is one line naming the file, exit 1, and the previous output stays`, async () => {
    const dir = scratch();
    const input = dataset(dir, 3000);
    const out = join(dir, "out", "corpus.jsonl");
    mkdirSync(join(dir, "out"));
    writeFileSync(out, "previous\n");
    const run = await runHum(["synth", "-i", input, "-o", out, ...flags], {
      nodeArgs: ["--import", failWrites],
      env: { HUM_FAIL_WRITES_AFTER: "1000000", HUM_FAIL_WRITES_MATCH: join(dir, "out") },
    });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, `hum: cannot write ${out}: no space left on the device (ENOSPC)\n`);
    assert.equal(readFileSync(out, "utf8"), "previous\n");
    assert.deepEqual(readdirSync(join(dir, "out")), ["corpus.jsonl"]);
  });

const unshare = spawnSync("unshare", ["--user", "--map-root-user", "--mount", "true"]);
test("a full disk (a real 256 KB tmpfs) is one line naming the file, and no partial file is left", {
  skip: unshare.status === 0 ? false : "cannot mount a tmpfs here (unshare --user --mount is not allowed)",
}, () => {
  const dir = scratch();
  const input = dataset(dir, 3000);
  const small = join(dir, "small");
  mkdirSync(small);
  const out = join(small, "corpus.jsonl");
  const script =
    `mount -t tmpfs -o size=256k tmpfs ${small} && echo previous > ${out} && ` +
    `${process.execPath} ${humBin} synth -i ${input} -o ${out}; echo "exit=$?"; cat ${out}; ls -A ${small}`;
  const run = spawnSync("unshare", ["--user", "--map-root-user", "--mount", "sh", "-c", script], {
    encoding: "utf8",
  });
  assert.equal(run.stderr, `hum: cannot write ${out}: no space left on the device (ENOSPC)\n`);
  assert.equal(run.stdout, "exit=1\nprevious\ncorpus.jsonl\n");
});

test("a folder as --out is one line naming it (EISDIR), not a stack trace", async () => {
  const dir = scratch();
  const input = dataset(dir, 2);
  const run = await runHum(["synth", "-i", input, "-o", dir]);
  assert.equal(run.status, 1);
  assert.equal(run.stderr, `hum: cannot write ${dir}: it is a folder (EISDIR)\n`);
});

test("a line of 5,000 nested brackets is a reject and the lines after it are still synthesised", async () => {
  const dir = scratch();
  const input = join(dir, "data.jsonl");
  const nested = `{"kind":"entities","source":"people","lang":"en","text":"x","entities":${"[".repeat(5000)}${"]".repeat(5000)}}`;
  writeFileSync(input, `${record(1)}\n${nested}\n${record(2)}\n`);
  const out = join(dir, "out.jsonl");
  const run = await runHum(["synth", "-i", input, "-o", out, "--compound-ratio", "0"]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /records: 3 read, 2 accepted, 1 rejected/);
  const ids = readFileSync(out, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line).record_id);
  assert.deepEqual(ids, ["r1", "r2"]);
  const [reject] = readFileSync(`${out}.rejects.jsonl`, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  assert.equal(reject.line, 2);
  assert.match(reject.reason, /^schema: /);
  assert.equal(reject.record, nested, "the line is kept as its text");
});

test("runs that produce nothing exit non-zero and keep the previous output", async () => {
  const dir = scratch();
  const input = dataset(dir, 3);
  const out = join(dir, "out.jsonl");
  writeFileSync(out, "previous\n");
  const wrongFormat = await runHum(["synth", "-i", input, "--format", "label-tsv", "-o", out]);
  assert.equal(wrongFormat.status, 1);
  assert.match(
    wrongFormat.stderr,
    /no instruction was produced, .*out\.jsonl not written.*--format label-tsv/,
  );
  assert.equal(readFileSync(out, "utf8"), "previous\n");

  const convert = await runHum(["convert", input, "--format", "label-tsv", "--out", out]);
  assert.equal(convert.status, 1);
  assert.match(convert.stderr, /no record converted/);
  assert.equal(readFileSync(out, "utf8"), "previous\n");

  const build = await runHum(["eval", "build", "--datasets", dir, "--out", join(dir, "sets")]);
  assert.equal(build.status, 1);
  assert.match(build.stderr, /no eval set was built: none of the datasets was found/);

  const notBatch = await runHum(["llm", "import-batch", "--cache", join(dir, "cache.sqlite"), input]);
  assert.equal(notBatch.status, 1);
  assert.match(notBatch.stderr, /not a Batch results file/);
});

test("usage errors show the command's usage; data errors only the error, naming the file", async () => {
  const dir = scratch();
  const missing = join(dir, "missing.jsonl");
  const data = await runHum(["convert", missing, "--out", join(dir, "out.jsonl")]);
  assert.equal(data.status, 1);
  assert.match(
    data.stderr,
    new RegExp(`^hum: cannot read ${missing}: no such file or folder \\(ENOENT\\)\\n$`),
  );

  const prose = join(dir, "notes.txt");
  writeFileSync(prose, "Just some words.\n");
  const usage = await runHum(["convert", prose, "--format", "nonsense", "--out", join(dir, "out.jsonl")]);
  assert.equal(usage.status, 1);
  assert.match(usage.stderr, /error: unknown format "nonsense"; known formats: canonical, /);
  assert.match(usage.stderr, /Usage: hum convert/);
  assert.doesNotMatch(usage.stderr, /Commands:/, "the command's usage, not the whole program's help");

  for (const [flag, value] of [
    ["--seed", ""],
    ["--seed", "1.5"],
    ["--neg-ratio", ""],
    ["--neg-ratio", "2"],
  ]) {
    const run = await runHum(["synth", "-i", missing, "-o", join(dir, "o.jsonl"), flag, value]);
    assert.equal(run.status, 1, `${flag} "${value}"`);
    assert.match(
      run.stderr,
      new RegExp(`option '${flag} <[a-z]+>' argument '${value.replace(".", "\\.")}' is invalid`),
    );
  }
});

test("hard negatives and schema files are checked, and a bad one is named", async () => {
  const dir = scratch();
  const input = dataset(dir, 2);
  const hard = join(dir, "hard.yaml");
  writeFileSync(hard, "person: location\n");
  const run = await runHum(["synth", "-i", input, "-o", join(dir, "o.jsonl"), "--hard-negatives", hard]);
  assert.equal(run.status, 1);
  assert.match(
    run.stderr,
    new RegExp(`^hum: ${hard}: hard negatives must map each label to a list of labels \\(person: `),
  );
  writeFileSync(join(dir, "data.schema.json"), "{not json");
  const schema = await runHum(["synth", "-i", input, "-o", join(dir, "o.jsonl")]);
  assert.equal(schema.status, 1);
  assert.match(schema.stderr, /^hum: .*data\.schema\.json: not a schema file: not JSON: /);
});
