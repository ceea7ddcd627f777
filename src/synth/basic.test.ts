import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { assertReadsBack } from "../../test/support/answer-equality.ts";
import { anyRecord } from "../../test/support/generated-records.ts";
import { type CanonicalRecord, LabelCollector, type LabelSet, validateRecord } from "../records/index.ts";
import type { AnswerRow, TaskSpec } from "../tasks/index.ts";
import {
  type BasicOptions,
  basicLine,
  type PlannedInstruction,
  planInstructions,
  renderBasic,
} from "./basic.ts";
import { instructionLine } from "./instruction-record.ts";

const OPTIONS: BasicOptions = { seed: 42, negativeRatio: 1, schemaOrder: "sorted" };

/** The row columns that hold spans of the input text, per task. */
const SPAN_COLUMNS: Record<string, string[]> = {
  NER: ["entity"],
  RE: ["subject", "object"],
  SPO: ["subject", "object"],
  EE: ["trigger", "argument"],
  EET: ["trigger"],
  EEA: ["argument"],
  KGE: ["entity", "value"],
  OpenIE: ["subject", "predicate", "object", "time", "location"],
};

function planAll(records: CanonicalRecord[], options = OPTIONS): PlannedInstruction[] {
  const collector = new LabelCollector();
  for (const record of records) collector.add(record);
  return records.flatMap((record, i) =>
    planInstructions(record, `r${i}`, collector.labelSet(record.source)!, options),
  );
}

/** Records as the readers hand them over: validated (and so plain objects). */
const validRecords = fc.array(anyRecord, { minLength: 1, maxLength: 12 }).map((records) =>
  records.flatMap((r) => {
    const result = validateRecord(r);
    return result.ok ? [result.record] : [];
  }),
);

test("every output parses back to its label", () => {
  fc.assert(
    fc.property(validRecords, (records) => {
      for (const plan of planAll(records)) {
        const instruction = renderBasic(plan, OPTIONS.seed);
        const rendered = plan.task.renderDefault(plan.answer, plan.chunk);
        const value = typeof rendered === "string" ? instruction.output : JSON.parse(instruction.output);
        assert.deepEqual(plan.task.parseDefault(value, plan.chunk), instruction.label, `${plan.task.name}`);
        const rows = plan.task.toRows(plan.answer) as AnswerRow[];
        assertReadsBack(plan.task, plan.chunk, plan.task.fromRows(rows, plan.chunk), plan.answer, "rows");
      }
    }),
    { numRuns: 150 },
  );
});

test("every extracted span occurs in the input", () => {
  fc.assert(
    fc.property(validRecords, (records) => {
      for (const plan of planAll(records)) {
        const columns = SPAN_COLUMNS[plan.task.name] ?? [];
        const input = plan.task.input(plan.record);
        for (const row of plan.task.toRows(plan.answer))
          for (const column of columns)
            if (row[column]) assert.ok(input.includes(row[column]), `${row[column]} in ${input}`);
      }
    }),
    { numRuns: 150 },
  );
});

test("with p = 1 the chunks of a record ask every label of the source exactly once", () => {
  fc.assert(
    fc.property(validRecords, (records) => {
      const collector = new LabelCollector();
      for (const record of records) collector.add(record);
      for (const [i, record] of records.entries()) {
        const labels = collector.labelSet(record.source)!;
        const plans = planInstructions(record, `r${i}`, labels, OPTIONS);
        for (const task of new Set(plans.map((p) => p.task))) {
          if (task.chunkSize === undefined || task.asksNegatives === false) continue;
          const asked = plans.filter((p) => p.task === task).flatMap((p) => p.chunk.labels);
          assert.equal(new Set(asked).size, asked.length, `${task.name} asks a label twice`);
          assert.deepEqual(
            new Set(asked),
            new Set([...task.universe({ labels, lang: record.lang }), ...task.positives(record)]),
          );
        }
      }
    }),
    { numRuns: 150 },
  );
});

test("IE instructions keep IEPile's key order and separators", () => {
  const record: CanonicalRecord = {
    kind: "entities",
    source: "s",
    lang: "en",
    text: "Hinton won the 2018 Turing Award.",
    entities: [{ text: "Turing Award", type: "award" }],
  };
  const labels: LabelSet = {
    entities: ["award", "person"],
    relations: [],
    events: [],
    classes: [],
    graph: [],
  };
  const [plan] = planInstructions(record, "r", labels, OPTIONS);
  const instruction = renderBasic(plan, 42);
  assert.deepEqual(Object.keys(JSON.parse(instruction.instruction)), ["instruction", "schema", "input"]);
  assert.ok(instruction.instruction.includes('", "schema": ["award", "person"], "input": "Hinton'));
  assert.equal(instruction.output, '{"award": ["Turing Award"], "person": []}');
  assert.deepEqual(instruction.label, { award: ["Turing Award"], person: [] });
});

test("a zh record gets the IEPile zh template and unescaped text", () => {
  const record: CanonicalRecord = {
    kind: "entities",
    source: "s",
    lang: "zh",
    text: "张伟在杭州工作。",
    entities: [{ text: "杭州", type: "地点" }],
  };
  const labels: LabelSet = { entities: ["地点", "人物"], relations: [], events: [], classes: [], graph: [] };
  const instruction = renderBasic(planInstructions(record, "r", labels, OPTIONS)[0], 42);
  assert.ok(instruction.instruction.startsWith('{"instruction": "你是专门进行实体抽取的专家。'));
  assert.ok(instruction.instruction.includes('"input": "张伟在杭州工作。"'));
});

test("the same records and seed give the same instructions; another seed may shuffle differently", () => {
  fc.assert(
    fc.property(validRecords, (records) => {
      const options = { ...OPTIONS, negativeRatio: 0.5, schemaOrder: "shuffled" as const };
      const a = planAll(records, options).map((p) => JSON.stringify(renderBasic(p, 1)));
      const b = planAll(records, options).map((p) => JSON.stringify(renderBasic(p, 1)));
      assert.deepEqual(a, b);
    }),
    { numRuns: 50 },
  );
});

test("EE asks NAN for absent roles; EEA gives the trigger in its schema", () => {
  const record: CanonicalRecord = {
    kind: "events",
    source: "s",
    lang: "en",
    text: "Rebels attacked the convoy on Monday.",
    events: [{ type: "attack", trigger: "attacked", arguments: [{ role: "attacker", text: "Rebels" }] }],
  };
  const labels: LabelSet = {
    entities: [],
    relations: [],
    events: [{ type: "attack", roles: ["attacker", "time"] }],
    classes: [],
    graph: [],
  };
  const plans = planInstructions(record, "r", labels, OPTIONS);
  const byTask = (name: string) => renderBasic(plans.find((p) => p.task.name === name)!, 42);
  assert.equal(
    byTask("EE").output,
    '{"attack": [{"trigger": "attacked", "arguments": {"attacker": "Rebels", "time": "NAN"}}]}',
  );
  assert.equal(byTask("EET").output, '{"attack": ["attacked"]}');
  assert.deepEqual(JSON.parse(byTask("EEA").instruction).schema, [
    { event_type: "attack", trigger: ["attacked"], arguments: ["attacker", "time"] },
  ]);
  assert.equal(
    byTask("EEA").output,
    '{"attack": [{"trigger": "attacked", "arguments": {"attacker": "Rebels", "time": "NAN"}}]}',
  );
});

test("tasks follow the record kind: relations feed RE and SPO only when typed", () => {
  const typed: CanonicalRecord = {
    kind: "relations",
    source: "s",
    lang: "en",
    text: "A founded B",
    relations: [
      { subject: "A", relation: "founded", object: "B", subject_type: "person", object_type: "org" },
    ],
  };
  const untyped: CanonicalRecord = {
    ...typed,
    source: "u",
    relations: [{ subject: "A", relation: "founded", object: "B" }],
  };
  const names = (r: CanonicalRecord) => new Set(planAll([r]).map((p) => (p.task as TaskSpec).name));
  assert.deepEqual(names(typed), new Set(["RE", "SPO"]));
  assert.deepEqual(names(untyped), new Set(["RE"]));
});

test("an instruction's line is exactly JSON.stringify of it, before and after a change to it", () => {
  fc.assert(
    fc.property(validRecords, fc.boolean(), (records, negatives) => {
      const options = { ...OPTIONS, negativeRatio: negatives ? 1 : 0 };
      const instructions = planAll(records, options).map((plan) => renderBasic(plan, OPTIONS.seed));
      for (const instruction of instructions)
        assert.equal(instructionLine(instruction), JSON.stringify(instruction));
      // An output changed after rendering (an empty chunk's output is shared) is written as it now is.
      for (const instruction of instructions) {
        instruction.output = `${instruction.output} "changed"`;
        assert.equal(instructionLine(instruction), JSON.stringify(instruction));
      }
      // A record changed after it was rendered is written as it now is.
      for (const instruction of instructions) {
        instruction.instruction = `${instruction.instruction} "changed"`;
        assert.equal(instructionLine(instruction), JSON.stringify(instruction));
      }
    }),
    { numRuns: 60 },
  );
});

test("a plan's line is exactly JSON.stringify of its rendered instruction", () => {
  fc.assert(
    fc.property(
      validRecords,
      fc.boolean(),
      fc.constantFrom("sorted", "shuffled"),
      (records, negatives, schemaOrder: "sorted" | "shuffled") => {
        const options = { ...OPTIONS, negativeRatio: negatives ? 1 : 0, schemaOrder };
        // Twice: the second time every cached prefix, output and label is reused.
        for (let round = 0; round < 2; round++)
          for (const plan of planAll(records, options))
            assert.equal(basicLine(plan, OPTIONS.seed), JSON.stringify(renderBasic(plan, OPTIONS.seed)));
      },
    ),
    { numRuns: 100 },
  );
});
