import { statSync } from "node:fs";
import { openJsonlOutput } from "../src/io/index.ts";
import { readLines } from "../src/readers/index.ts";
import { synthesize } from "../src/synth/pipeline.ts";

/**
 * One measurement in its own process, so that its peak RSS is its own:
 *   node bench/basic-synthesis.ts synth <input> <out>
 *     basic synthesis of a canonical JSONL file
 *   node bench/basic-synthesis.ts floor <input> <out> <bytes> <lines>
 *     the floor: read the same lines and JSON.parse each, then write as many lines and bytes as
 *     JSON.stringify of same-sized objects
 * Prints one JSON line: {seconds, records, instructions, bytes, peakRssMb}.
 */
const [mode, input, out, bytes, lines] = process.argv.slice(2);
const started = performance.now();

if (mode === "synth") {
  const summary = await synthesize({
    inputs: [{ path: input, format: "canonical" }],
    out,
    seed: 1,
    negativeRatio: 1,
    schemaOrder: "sorted",
  });
  report(summary.records.read, summary.instructions.total);
} else if (mode === "floor") {
  let records = 0;
  for await (const { text } of readLines(input)) {
    if (text && JSON.parse(text)) records++;
  }
  const lineCount = Number(lines);
  const padding = "x".repeat(Math.max(0, Math.round(Number(bytes) / lineCount) - 40));
  const writer = openJsonlOutput(out);
  for (let i = 0; i < lineCount; i++) writer.write({ id: i, task: "NER", output: padding });
  writer.commit();
  report(records, lineCount);
} else {
  console.error("usage: basic-synthesis.ts synth <input> <out> | floor <input> <out> <bytes> <lines>");
  process.exit(2);
}

function report(records: number, instructions: number): void {
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ seconds, records, instructions, bytes: statSync(out).size, peakRssMb }));
}
