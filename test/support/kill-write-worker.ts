// Test helper process: writes JSONL lines to --out through openJsonlOutput and prints "writing" once the
// first megabytes are on disk, then keeps writing until killed (or until --lines lines, then commits).
import { parseArgs } from "node:util";
import { openJsonlOutput } from "../../src/io/index.ts";

const { values } = parseArgs({ options: { out: { type: "string" }, lines: { type: "string" } } });
const total = values.lines === undefined ? Number.POSITIVE_INFINITY : Number(values.lines);
const output = openJsonlOutput(values.out!);
const filler = "x".repeat(200);
let announced = false;
for (let i = 0; i < total; i++) {
  output.write({ i, filler });
  if (!announced && i === 20_000) {
    announced = true;
    process.stdout.write("writing\n");
    // Give the parent a moment to kill us while the file is half-written.
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // Until killed, keep writing slowly: a parent slowed down by a loaded machine must not fill the disk.
  if (announced && total === Number.POSITIVE_INFINITY && i % 1000 === 0)
    await new Promise((resolve) => setTimeout(resolve, 20));
}
output.commit();
process.stdout.write("done\n");
