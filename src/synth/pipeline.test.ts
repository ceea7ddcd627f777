import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fixture } from "../../test/support/read-all.ts";
import { synthesize } from "./pipeline.ts";

const good = (id: string, text: string, spans: Array<[string, string]>) =>
  JSON.stringify({
    kind: "entities",
    id,
    source: "demo",
    lang: "en",
    text,
    entities: spans.map(([t, type]) => ({ text: t, type })),
  });

function workspace(lines: string[]): { dir: string; input: string } {
  const dir = mkdtempSync(join(tmpdir(), "hum-pipeline-"));
  const input = join(dir, "data.jsonl");
  writeFileSync(input, `${lines.join("\n")}\n`);
  return { dir, input };
}

const readJsonl = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));

const options = { seed: 7, negativeRatio: 1, schemaOrder: "sorted" as const };

test("bad lines are written out with file, line and reason, counted, and the run carries on", async () => {
  const { dir, input } = workspace([
    good("a", "Ada lives in Rome.", [
      ["Ada", "person"],
      ["Rome", "city"],
    ]),
    "{not json",
    good("b", "Bob visited Paris.", [["London", "city"]]),
    JSON.stringify({ kind: "entities", source: "demo", lang: "fr", text: "x", entities: [] }),
    "",
    good("c", "Cleo met Bob.", [["Cleo", "person"]]),
  ]);
  const out = join(dir, "out.jsonl");
  const summary = await synthesize({ ...options, inputs: [{ path: input }], out });

  assert.deepEqual(summary.records, { read: 5, accepted: 2, rejected: 3, without_instructions: 0 });
  assert.deepEqual(summary.rejected_by_reason, { "invalid JSON": 1, schema: 1, span: 1 });
  const rejects = readJsonl(`${out}.rejects.jsonl`);
  assert.deepEqual(
    rejects.map((r) => [r.line, r.reason.split(":")[0]]),
    [
      [2, "invalid JSON"],
      [3, "span"],
      [4, "schema"],
    ],
  );
  assert.equal(rejects[0].file, input);
  assert.equal(rejects[0].record, "{not json");
  assert.equal(rejects[1].record.id, "b");
  const instructions = readJsonl(out);
  assert.deepEqual(
    instructions.map((i) => i.record_id),
    ["a", "c"],
  );
  assert.equal(summary.instructions.total, 2);
  assert.deepEqual(summary.instructions.by_task, { NER: 2 });
});

test("the same inputs and seed give byte-identical output", async () => {
  const lines = Array.from({ length: 40 }, (_, i) =>
    good(`r${i}`, `Person${i} went to City${i % 7} with Person${i + 1}.`, [
      [`Person${i}`, `person`],
      [`City${i % 7}`, `city${i % 9}`],
    ]),
  );
  const { dir, input } = workspace(lines);
  const run = async (name: string, seed: number) => {
    const out = join(dir, name);
    await synthesize({
      ...options,
      seed,
      negativeRatio: 0.4,
      schemaOrder: "shuffled",
      inputs: [{ path: input }],
      out,
    });
    return readFileSync(out, "utf8");
  };
  const first = await run("a.jsonl", 3);
  assert.equal(await run("b.jsonl", 3), first);
  assert.notEqual(await run("c.jsonl", 4), first);
});

test("a schema file beside the data gives the label universe", async () => {
  const { dir, input } = workspace([good("a", "Ada lives in Rome.", [["Ada", "person"]])]);
  writeFileSync(
    join(dir, "data.schema.json"),
    JSON.stringify({ sources: { demo: { entities: ["person", "city", "award"] } } }),
  );
  const out = join(dir, "out.jsonl");
  await synthesize({ ...options, inputs: [{ path: input }], out });
  const [instruction] = readJsonl(out);
  assert.deepEqual(JSON.parse(instruction.instruction).schema, ["award", "city", "person"]);
  assert.deepEqual(instruction.label, { award: [], city: [], person: ["Ada"] });
});

test("what readers did beyond the counts (spans realigned) is in the run summary", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hum-pipeline-"));
  const casie = fixture("casie-defects");
  const summary = await synthesize({ ...options, inputs: [{ path: casie }], out: join(dir, "out.jsonl") });
  assert.deepEqual(summary.reader_notes, { "casie: spans realigned by a constant shift": 3 });
  assert.equal(summary.records.rejected, 3);
});
