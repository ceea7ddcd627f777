import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture } from "../../test/support/read-all.ts";
import { DictionaryMiner } from "../dictionary/index.ts";
import { readDataset } from "../readers/index.ts";
import { LabelCollector } from "../records/index.ts";
import { SeededRandom } from "../util/seeded-random.ts";
import { planInstructions } from "./basic.ts";
import { DEFAULT_GUIDELINES } from "./config.ts";
import { examplePoolOf } from "./example-pool.ts";
import { guidelinesAvailable, planGuidance } from "./guidelines.ts";

const conll04 = fixture("conll04.txt");

test("a source mixing kinds (CoNLL04): NER guidelines get entity examples, RE guidelines relation ones", async () => {
  const miner = new DictionaryMiner({ seed: 1 });
  const collector = new LabelCollector();
  const records = [];
  for await (const item of readDataset(conll04)) {
    if (!item.ok) continue;
    miner.add(item.record);
    collector.add(item.record);
    records.push(item.record);
  }
  const source = miner.result().sources.conll04;
  assert.equal(source.kind, "relations");
  assert.equal(source.labels.person.kind, "entities");
  assert.equal(source.labels["live in"].kind, undefined);

  const labels = collector.labelSet("conll04")!;
  const basic = { seed: 1, negativeRatio: 1, schemaOrder: "sorted" as const };
  const byTask = new Map<string, ReturnType<typeof planInstructions>[number]>();
  for (const record of records)
    for (const plan of planInstructions(record, record.id!, labels, basic)) byTask.set(plan.task.name, plan);
  const options = { ...DEFAULT_GUIDELINES, maxExamples: 4 };
  const sources = { entry: source, pool: examplePoolOf(records, 1) };
  for (const [task, kind] of [
    ["NER", "entities"],
    ["RE", "relations"],
  ] as const) {
    const plan = byTask.get(task)!;
    assert.ok(guidelinesAvailable(plan, sources, options), task);
    const guidance = planGuidance(plan, plan.chunk.labels, sources, options, new SeededRandom(1, task));
    assert.ok(guidance.examples.length > 0, `${task} has examples`);
    assert.ok(
      guidance.examples.every((e) => e.record.kind === kind),
      `${task} examples are ${kind}`,
    );
  }
});
