import { closeSync, fsyncSync, openSync, renameSync, writeSync } from "node:fs";
import { lineBatches } from "./floor-lines.js";

/**
 * The floor a synthesis run is measured against, as a whole process:
 *   node bench/floor.js <input> <out> <bytes> <lines>
 * reads the same lines and JSON.parses each, then writes as many lines and bytes (JSON.stringify of
 * objects of the same size) as the run wrote, as hum writes a file: beside the target, in 1 MB pieces,
 * synced, then renamed over it. Less than this no converter can do.
 */
const [input, out, bytes, lines] = process.argv.slice(2);
let records = 0;
for await (const batch of lineBatches(input))
  for (const text of batch) if (text && JSON.parse(text)) records++;

const lineCount = Number(lines);
const padding = "x".repeat(Math.max(0, Math.round(Number(bytes) / Math.max(lineCount, 1)) - 40));
const temporary = `${out}.floor-tmp`;
const fd = openSync(temporary, "w");
const buffer = Buffer.allocUnsafe(1 << 20);
let used = 0;
for (let i = 0; i < lineCount; i++) {
  const line = `${JSON.stringify({ id: i, task: "NER", output: padding })}\n`;
  if (used + line.length * 3 > buffer.length) {
    writeSync(fd, buffer, 0, used);
    used = 0;
  }
  used += buffer.write(line, used, "utf8");
}
writeSync(fd, buffer, 0, used);
fsyncSync(fd);
closeSync(fd);
renameSync(temporary, out);
console.log(JSON.stringify({ records }));
