import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { generateCorpus } from "../../test/support/generated-records.ts";
import { synthRun } from "../../test/support/synth-run.ts";
import { linesOf, readLines, type TextLine } from "../io/index.ts";
import { lineBatches } from "./line-batch.ts";
import { workerCount } from "./line-pipeline.ts";
import type { SynthOptions } from "./pipeline.ts";

const base = { seed: 9, negativeRatio: 0.5, schemaOrder: "shuffled" as const };

/**
 * Two canonical JSONL files with every kind of bad line among the good: bad JSON, a schema error, a
 * span error (one of them carrying a label nothing else has), bytes that are not UTF-8, a NUL byte, an
 * id used twice (within a file and across the files, the repeat carrying a label nothing else has), CRLF
 * line ends, a byte-order mark, blank lines and a last line without its line end.
 */
function workspace(): { dir: string; inputs: SynthOptions["inputs"] } {
  const dir = mkdtempSync(join(tmpdir(), "hum-lines-"));
  const records = generateCorpus(240, 21).records;
  const lines: Array<string | Buffer> = records.map((r) => JSON.stringify(r));
  const repeat = { ...records[3], text: "Only Zed.", entities: [{ text: "Zed", type: "only_in_repeat" }] };
  lines.splice(5, 0, "{not json", "", "   ");
  lines.splice(30, 0, JSON.stringify({ kind: "entities", source: "x", lang: "fr", text: "t", entities: [] }));
  lines.splice(31, 0, JSON.stringify({ ...records[0], text: "no span here" }));
  const badSpan = { text: "Zork", type: "only_in_bad_span", start: 3, end: 7 };
  lines.splice(33, 0, JSON.stringify({ ...records[0], id: "new-label", text: "Zork.", entities: [badSpan] }));
  lines.splice(44, 0, JSON.stringify({ ...repeat, kind: "entities" }));
  lines.splice(70, 0, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
  lines.splice(71, 0, Buffer.from('{"kind": "entities",\u0000 "x": 1}'));
  const bytes = Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    ...lines.map((line, i) => Buffer.concat([Buffer.from(line), Buffer.from(i % 9 === 4 ? "\r\n" : "\n")])),
  ]);
  writeFileSync(join(dir, "a.jsonl"), bytes);
  const second = generateCorpus(60, 22).records.map((r) => JSON.stringify(r));
  second.splice(10, 0, JSON.stringify(records[7]));
  writeFileSync(join(dir, "b.jsonl"), second.join("\n"));
  return {
    dir,
    inputs: [
      { path: join(dir, "a.jsonl"), labelMap: { all: { PER: "person" }, bySource: {} } },
      { path: join(dir, "b.jsonl"), lang: "zh" },
    ],
  };
}

const run = (dir: string, name: string, options: Parameters<typeof synthRun>[3]) =>
  synthRun(base, dir, name, options);

test("raw lines read in batches, on any number of threads, give the readers' bytes, rejects and summary", async () => {
  const { dir, inputs } = workspace();
  // A run of one part of one is read by the readers, one record at a time: the reference.
  const one = await run(dir, "one", { inputs, workers: 1, shard: { index: 1, count: 1 } });
  const rejects = one.rejects
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  const where = rejects.map(
    (r) => `${r.file.endsWith("a.jsonl") ? "a" : "b"}:${r.line}:${r.reason.split(":")[0]}`,
  );
  assert.deepEqual(where, [
    "a:6:invalid JSON",
    "a:31:schema",
    "a:32:span",
    "a:34:span",
    "a:45:duplicate id",
    "a:71:encoding",
    "a:72:encoding",
    "b:11:duplicate id",
  ]);
  assert.ok(!one.out.includes("only_in_repeat"), "a repeated id's labels stay out of the universe");
  assert.ok(!one.out.includes("only_in_bad_span"), "a rejected record's labels stay out of the universe");
  for (const workers of [1, 2, 3])
    for (const batchItems of [1, 7, 1000]) {
      const many = await run(dir, `w${workers}-${batchItems}`, { inputs, workers, batchItems });
      assert.equal(many.out, one.out, `${workers} workers, batches of ${batchItems}`);
      assert.equal(many.rejects, one.rejects);
      assert.deepEqual(many.summary, one.summary);
    }
});

test("repeated ids are found whether the label pass read the ids, took labels from its cache or from a schema file", async () => {
  const { dir, inputs } = workspace();
  const readers = (name: string) => run(dir, name, { inputs, workers: 1, shard: { index: 1, count: 1 } });
  const reference = await readers("reference");
  const labelCache = join(dir, "labels");
  // Cold: the pass counts every id (the census); warm: the labels come from the cache, the ids uncounted.
  for (const name of ["cold", "warm"]) {
    const result = await run(dir, name, { inputs, workers: 1, labelCache });
    assert.equal(result.out, reference.out, name);
    assert.equal(result.rejects, reference.rejects, name);
  }
  writeFileSync(join(dir, "b.schema.json"), JSON.stringify({ sources: {} }));
  const withSchema = await run(dir, "schema", { inputs, workers: 2 });
  assert.equal(withSchema.rejects, (await readers("schema-reference")).rejects);
  assert.match(withSchema.rejects, /duplicate id/);
});

test("ids the census takes for repeats wrongly change nothing: not the labels, rejects or bytes", async () => {
  const { dir, inputs } = workspace();
  // A repeat of the first (entities) record, late in the file, carrying a label nothing else has.
  const [first] = generateCorpus(240, 21).records;
  const repeat = { ...first, text: "Only Zed.", entities: [{ text: "Zed", type: "only_in_late_repeat" }] };
  appendFileSync(inputs[0].path, `\n${JSON.stringify(repeat)}\n`);
  const reference = await run(dir, "reference", { inputs, workers: 1, shard: { index: 1, count: 1 } });
  assert.match(reference.rejects, /duplicate id/);
  assert.doesNotMatch(reference.out, /only_in_late_repeat/);
  // Filters that take every id, every third one, or none for a repeat (always true to a real one).
  const filters = {
    every: () => ({ add: () => false }),
    third: () => {
      const seen = new Set<string>();
      let n = 0;
      return { add: (key: string) => !seen.has(key) && seen.add(key) && ++n % 3 !== 0 };
    },
    exact: () => {
      const seen = new Set<string>();
      return { add: (key: string) => !seen.has(key) && seen.add(key) !== undefined };
    },
  };
  for (const [name, idFilter] of Object.entries(filters))
    for (const workers of [1, 2]) {
      const result = await run(dir, `${name}-${workers}`, { inputs, workers, batchItems: 7, idFilter });
      assert.equal(result.out, reference.out, `${name}, ${workers} workers`);
      assert.equal(result.rejects, reference.rejects, `${name}, ${workers} workers`);
      assert.deepEqual(result.summary, reference.summary, `${name}, ${workers} workers`);
    }
});

test("batches of lines decode to the lines readLines gives, across 1 MB pieces", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hum-lines-"));
  const path = join(dir, "long.txt");
  const parts: Buffer[] = [Buffer.from([0xef, 0xbb, 0xbf])];
  for (let i = 0; i < 3000; i++) {
    const long = i % 500 === 7 ? "x".repeat(700_000) : `line ${i} é 中`;
    parts.push(Buffer.from(i % 3 === 0 ? `${long}\r\n` : i % 100 === 5 ? "\n" : `${long}\n`));
    if (i === 1234) parts.push(Buffer.from([0xc3, 0x0a]));
  }
  parts.push(Buffer.from("last line without an end"));
  writeFileSync(path, Buffer.concat(parts));
  assert.ok(statSync(path).size > 3 << 20);
  const expected: TextLine[] = [];
  for await (const line of readLines(path)) expected.push(line);
  for (const maxLines of [1, 4, 1000]) {
    const got: TextLine[] = [];
    for await (const batch of lineBatches(0, path, maxLines)) {
      const lines = linesOf(Buffer.from(batch.bytes), batch.firstLine);
      assert.ok(lines.length <= maxLines);
      got.push(...lines);
    }
    assert.deepEqual(got, expected);
  }
});

test("the default worker count is one for small inputs, the cores at most for large ones", () => {
  const { inputs } = workspace();
  assert.equal(workerCount(undefined, inputs), 1);
  assert.equal(workerCount(3, inputs), 3);
  const dir = mkdtempSync(join(tmpdir(), "hum-lines-"));
  const big = join(dir, "big.jsonl");
  writeFileSync(big, Buffer.alloc(64 << 20, 0x20));
  const count = workerCount(undefined, [{ path: big }]);
  assert.equal(count, Math.min(availableParallelism(), 8));
});
