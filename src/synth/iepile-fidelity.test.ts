import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { type CanonicalRecord, LabelCollector, validateRecord } from "../records/index.ts";
import { type BasicOptions, planInstructions, renderBasic } from "./basic.ts";

const FOLDER = new URL("../../test/fixtures/iepile-fidelity/", import.meta.url);
const IE_TASKS = new Set(["NER", "RE", "EE", "EET", "EEA", "KGE"]);

interface Expected {
  record: string;
  task: string;
  instruction: string;
  output: string;
}

function jsonLines<T>(name: string): T[] {
  return readFileSync(new URL(name, FOLDER), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

/**
 * The corpus (en and zh, every IE task, events sharing type and trigger, integer-like, full-width and
 * emoji labels) against the bytes IEPile's converters write for it (scripts/iepile-expected.py).
 */
test("basic instructions of the fidelity corpus are byte-identical to IEPile's conversion", () => {
  const records = jsonLines<unknown>("records.jsonl").map((raw) => {
    const result = validateRecord(raw);
    assert.ok(result.ok, JSON.stringify(raw));
    return result.record as CanonicalRecord & { id: string };
  });
  const collector = new LabelCollector();
  for (const record of records) collector.add(record);
  const options: BasicOptions = { seed: 42, negativeRatio: 1, schemaOrder: "sorted" };
  const ours = records.flatMap((record) =>
    planInstructions(record, record.id, collector.labelSet(record.source)!, options)
      .filter((plan) => IE_TASKS.has(plan.task.name))
      .map((plan) => {
        const { instruction, output } = renderBasic(plan, options.seed);
        return { record: record.id, task: plan.task.name, instruction, output };
      }),
  );
  const expected = jsonLines<Expected>("expected.jsonl");
  assert.equal(ours.length, expected.length);
  for (const [i, line] of expected.entries()) {
    const where = `${line.record} ${line.task} #${i}`;
    assert.equal(ours[i].task, line.task, where);
    assert.equal(ours[i].instruction, line.instruction, `instruction of ${where}`);
    assert.equal(ours[i].output, line.output, `output of ${where}`);
  }
});
