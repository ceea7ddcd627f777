import { openJsonlOutput } from "../src/io/index.ts";
import { readLineBatches } from "../src/readers/index.ts";

/**
 * The floor a synthesis run is measured against, as a whole process:
 *   node bench/floor.ts <input> <out> <bytes> <lines>
 * reads the same lines and JSON.parses each, then writes as many lines and bytes (JSON.stringify of
 * objects of the same size) as the run wrote. Less than this no converter can do.
 */
const [input, out, bytes, lines] = process.argv.slice(2);
let records = 0;
// Lines a piece of the file at a time: the cheapest way Hum's readers have to read them.
for await (const lines of readLineBatches(input))
  for (const { text } of lines) if (text && JSON.parse(text)) records++;
const lineCount = Number(lines);
const padding = "x".repeat(Math.max(0, Math.round(Number(bytes) / Math.max(lineCount, 1)) - 40));
const writer = openJsonlOutput(out);
try {
  for (let i = 0; i < lineCount; i++) writer.write({ id: i, task: "NER", output: padding });
  writer.commit();
} finally {
  writer.abort();
}
console.log(JSON.stringify({ records }));
