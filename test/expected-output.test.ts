import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { GOLDEN_CASES, readExpected, runCase } from "./support/expected-output.ts";

// Output bytes are a contract: optimisations keep them; deliberate changes run `npm run update-expected`.
for (const golden of GOLDEN_CASES) {
  test(`hum output is unchanged: ${golden.name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), "hum-golden-"));
    try {
      const expected = readExpected(golden.name);
      const actual = runCase(golden, dir);
      const inputs = (output: typeof actual) =>
        Object.fromEntries(Object.entries(output).filter(([name]) => name.startsWith("input/")));
      assert.deepEqual(
        inputs(actual),
        inputs(expected),
        "the generated inputs changed (test/support/generated-records.ts?)",
      );
      assert.deepEqual(
        actual,
        expected,
        "output bytes changed; if deliberate, run `npm run update-expected`",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

// `--workers 2` must not change a byte: the basic-only case runs on worker threads, the compound one on
// the main thread (its mixer decides in input order).
for (const name of ["synth-generated-basic", "synth-generated-compound"]) {
  test(`hum output is unchanged with --workers 2: ${name}`, () => {
    const golden = GOLDEN_CASES.find((c) => c.name === name)!;
    const dir = mkdtempSync(join(tmpdir(), "hum-golden-"));
    try {
      assert.deepEqual(runCase(golden, dir, ["--workers", "2"]), readExpected(name));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
