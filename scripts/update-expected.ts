import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectedPath, GOLDEN_CASES, runCase } from "../test/support/expected-output.ts";

/** Regenerates test/expected/ after a deliberate change of output bytes (`npm run update-expected`). */
for (const golden of GOLDEN_CASES) {
  const dir = mkdtempSync(join(tmpdir(), "hum-expected-"));
  try {
    const output = runCase(golden, dir);
    const target = expectedPath(golden.name);
    writeFileSync(`${target}.tmp`, `${JSON.stringify(output, null, 2)}\n`);
    renameSync(`${target}.tmp`, target);
    console.log(`${golden.name}: ${Object.keys(output).length} files`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
