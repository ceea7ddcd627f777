import assert from "node:assert/strict";
import { test } from "node:test";
import { generateCorpus } from "../../test/support/generated-records.ts";
import type { CanonicalRecord, LabelSet } from "../records/index.ts";
import { loadTokenCounter } from "../tokenizer/index.ts";
import { planInstructions, renderBasic } from "./basic.ts";
import { createCompoundSynthesis } from "./compound.ts";
import { type CompoundOptions, defaultCompoundOptions } from "./config.ts";
import { type ExamplePool, examplePoolOf } from "./example-pool.ts";
import type { CompoundStrategy, InstructionRecord } from "./instruction-record.ts";
import { formatMix } from "./mixing.ts";

const BASIC = { seed: 7, negativeRatio: 1, schemaOrder: "sorted" as const };

function run(records: CanonicalRecord[], labels: Map<string, LabelSet>, options: CompoundOptions) {
  const compound = createCompoundSynthesis(options);
  const written: InstructionRecord[] = [];
  for (const record of records)
    written.push(...compound.expand(planInstructions(record, record.id!, labels.get(record.source)!, BASIC)));
  return { written, mix: compound.report() };
}

function withPool(seed: number, records: CanonicalRecord[]): CompoundOptions {
  const options = defaultCompoundOptions(seed);
  options.pool = examplePoolOf(records, seed);
  return options;
}

const count = (written: InstructionRecord[], strategy: CompoundStrategy) =>
  written.filter((i) => i.strategies.includes(strategy)).length;

test("Table 3 ablations: same records, same size; the ablated strategy's instructions are written basic", () => {
  const { records, labels } = generateCorpus(400, 31);
  const full = run(records, labels, withPool(31, records)).written;
  const compound = full.filter((i) => i.kind === "compound");
  for (const strategy of ["guidelines", "rules", "format"] as const) {
    assert.ok(count(full, strategy) > 0, `${strategy} never used`);
    const options = withPool(31, records);
    options.ablate = [strategy];
    const { written, mix } = run(records, labels, options);
    assert.equal(written.length, full.length, `-${strategy} size`);
    assert.equal(count(written, strategy), 0);
    const ablatedCompound = written.filter((i) => i.kind === "compound");
    assert.equal(ablatedCompound.length, compound.length - count(full, strategy));
    assert.equal(mix.ablated.instructions, count(full, strategy));
    // Everything else is byte for byte the full dataset's.
    for (const [index, instruction] of written.entries())
      if (!full[index].strategies.includes(strategy)) assert.deepEqual(instruction, full[index]);
      else assert.deepEqual(instruction.kind, "basic");
  }
});

test("a strategy share of 0 disables the strategy", () => {
  const { records, labels } = generateCorpus(300, 32);
  for (const strategy of ["guidelines", "rules", "format"] as const) {
    const options = withPool(32, records);
    options.ratio = 1;
    options.strategyShares[strategy] = 0;
    const { written } = run(records, labels, options);
    assert.equal(count(written, strategy), 0, strategy);
    assert.ok(written.some((i) => i.kind === "compound"));
  }
  // Without guidelines the other strategies still carry the compound share where the data allows.
  const options = withPool(32, records);
  options.strategyShares.guidelines = 0;
  const { written, mix } = run(records, labels, options);
  assert.equal(count(written, "guidelines"), 0);
  const reachable = 1 - mix.unable / mix.instructions;
  assert.ok(mix.compound.achieved >= Math.min(0.45, reachable) - 0.02, `compound ${mix.compound.achieved}`);
});

test("without a dictionary the mined pool carries the compound share, and ratio 1 gives ≥ 99 % where data allows", () => {
  const { records, labels } = generateCorpus(500, 33, [
    "entities",
    "relations",
    "events",
    "classification",
    "qa",
  ]);
  const { mix } = run(records, labels, withPool(33, records));
  assert.ok(Math.abs(mix.compound.achieved - 0.45) <= 0.02, `compound ${mix.compound.achieved}`);
  assert.ok(
    Math.abs(mix.strategies.guidelines.achieved - 0.913) <= 0.02,
    `guidelines ${mix.strategies.guidelines.achieved}`,
  );
  assert.deepEqual(mix.warnings, []);
  const all = withPool(33, records);
  all.ratio = 1;
  assert.ok(run(records, labels, all).mix.compound.achieved >= 0.99);
  // Without the pool nothing carries guidelines: the summary says so.
  const bare = defaultCompoundOptions(33);
  const short = run(records, labels, bare).mix;
  assert.ok(
    short.warnings.some((w) => w.startsWith("compound share")),
    short.warnings.join("; "),
  );
});

test("at ratio 0 the compound step asks nothing about strategies and writes the basic bytes", () => {
  const { records, labels } = generateCorpus(120, 34);
  let asked = 0;
  const real = examplePoolOf(records, 34);
  const count =
    <A extends unknown[], R>(ask: (...args: A) => R) =>
    (...args: A): R => {
      asked++;
      return ask(...args);
    };
  const counting: ExamplePool = {
    positives: count(real.positives),
    negatives: count(real.negatives),
    records: count(real.records),
    values: count(real.values),
  };
  const options = defaultCompoundOptions(34);
  options.ratio = 0;
  options.pool = counting;
  const { written } = run(records, labels, options);
  assert.equal(asked, 0);
  const basic = records.flatMap((r) =>
    planInstructions(r, r.id!, labels.get(r.source)!, BASIC).map((plan) => renderBasic(plan, 34)),
  );
  assert.deepEqual(written, basic);
});

test("--variants-per-sample renders several different compound variants of one chunk, deterministically", () => {
  const { records, labels } = generateCorpus(150, 35, ["entities", "relations", "events"]);
  const options = withPool(35, records);
  options.ratio = 1;
  options.variantsPerSample = 3;
  const first = run(records, labels, options);
  const again = run(records, labels, options);
  assert.deepEqual(first.written, again.written);
  const byChunk = new Map<string, InstructionRecord[]>();
  for (const instruction of first.written) {
    const key = `${instruction.record_id}/${instruction.task}/${JSON.stringify(instruction.label)}`;
    byChunk.set(key, [...(byChunk.get(key) ?? []), instruction]);
  }
  assert.ok([...byChunk.values()].some((group) => group.length >= 2));
  for (const group of byChunk.values()) {
    assert.equal(new Set(group.map((i) => i.id)).size, group.length);
    assert.equal(new Set(group.map((i) => i.instruction + i.output)).size, group.length);
  }
  assert.equal(first.mix.extra_variants, first.written.length - first.mix.instructions);
});

test("instructions over the token budget lose examples first, then descriptions, and are counted", () => {
  const { records, labels } = generateCorpus(200, 36, ["entities", "relations"]);
  const options = withPool(36, records);
  options.ratio = 1;
  options.strategyShares = { guidelines: 1, rules: 0, format: 0 };
  const free = run(records, labels, options);
  options.tokenBudget = 120;
  const tight = run(records, labels, options);
  assert.ok(tight.mix.length.trimmed > 0 && tight.mix.length.examples_dropped > 0);
  const tokens = (i: InstructionRecord) => Math.ceil(i.instruction.length / 4);
  for (const [index, instruction] of tight.written.entries()) {
    if (tokens(instruction) > 120) assert.ok(!instruction.instruction.includes('"example"') || false);
    assert.ok(tokens(instruction) <= Math.max(120, tokens(free.written[index])));
  }
});

test("a named tokenizer counts the token budget, and the mix report names it", async () => {
  const { records, labels } = generateCorpus(40, 37, ["entities", "relations"]);
  const options = withPool(37, records);
  options.ratio = 1;
  options.strategyShares = { guidelines: 1, rules: 0, format: 0 };
  const free = run(records, labels, options);
  assert.deepEqual(
    { budget: free.mix.length.budget, tokenizer: free.mix.length.tokenizer },
    { budget: 1500, tokenizer: "chars/4" },
  );
  options.tokenBudget = 120;
  const estimated = run(records, labels, options);
  const qwen2 = await loadTokenCounter("qwen2");
  options.countTokens = qwen2;
  const counted = run(records, labels, options);
  assert.equal(counted.mix.length.tokenizer, "qwen2");
  assert.equal(counted.mix.length.budget, 120);
  assert.ok(counted.mix.length.trimmed > 0);
  for (const [index, instruction] of counted.written.entries())
    assert.ok(qwen2(instruction.instruction) <= Math.max(120, qwen2(free.written[index].instruction)));
  // Qwen counts these English instructions differently from characters / 4, so other instructions are cut.
  assert.notDeepEqual(
    counted.written.map((i) => i.instruction),
    estimated.written.map((i) => i.instruction),
  );
});

test("the printed mix of a basic-only run is its one line; a compound run's lists strategies and tasks", () => {
  const { records, labels } = generateCorpus(60, 33);
  const basicOnly = withPool(33, records);
  basicOnly.ratio = 0;
  const printed = formatMix(run(records, labels, basicOnly).mix);
  assert.match(printed, /^mix: compound 0\.0 % of \d+ \(target 0\.0 %\)$/);
  const compound = formatMix(run(records, labels, withPool(33, records)).mix);
  assert.match(compound, /\n {2}strategies \(of compound\): guidelines/);
  assert.match(compound, /\n {2}tasks: /);
});
