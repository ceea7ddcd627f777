import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { assertReadsBack } from "../../test/support/answer-equality.ts";
import { generateCorpus, generatedDictionary } from "../../test/support/generated-records.ts";
import { outputText, parseAnyFormat, variantFormats } from "../formats/index.ts";
import type { CanonicalRecord, LabelSet } from "../records/index.ts";
import { isNotMentioned, MISSING, type SchemaChunk, taskByName } from "../tasks/index.ts";
import { SeededRandom } from "../util/seeded-random.ts";
import { planInstructions } from "./basic.ts";
import { createCompoundSynthesis } from "./compound.ts";
import { renderCompound } from "./compound-instruction.ts";
import { type CompoundOptions, DEFAULT_GUIDELINES, defaultCompoundOptions } from "./config.ts";
import { examplePoolOf } from "./example-pool.ts";
import { planGuidance } from "./guidelines.ts";
import { type InstructionRecord, instructionLine } from "./instruction-record.ts";
import { renameAnswer, renameChunk } from "./label-renaming.ts";

const BASIC = { seed: 3, negativeRatio: 1, schemaOrder: "sorted" as const };

function synthesise(records: CanonicalRecord[], labels: Map<string, LabelSet>, options: CompoundOptions) {
  const compound = createCompoundSynthesis(options);
  const instructions: Array<{ instruction: InstructionRecord; record: CanonicalRecord }> = [];
  for (const record of records)
    for (const instruction of compound.expand(
      planInstructions(record, record.id!, labels.get(record.source)!, BASIC),
    ))
      instructions.push({ instruction, record });
  return { instructions, mix: compound.report() };
}

/** The chunk an output is read with: the label's keys for the IE tasks (every asked label is a key). */
function chunkOf(instruction: InstructionRecord): SchemaChunk {
  const task = taskByName(instruction.task);
  if (task.style === "json") return { labels: Object.keys(instruction.label as object) };
  return { labels: [] };
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

function allCompound(seed: number): CompoundOptions {
  const options = defaultCompoundOptions(seed);
  options.ratio = 1;
  options.strategyShares = { guidelines: 0.7, rules: 0.4, format: 0.6 };
  options.guidelines.maskRate = 0.3;
  options.guidelines.synonymRate = 0.3;
  return options;
}

/** 40 generated records of every kind, and all-compound options with a dictionary mined from them. */
function compoundCorpus(seed: number) {
  const { records, labels } = generateCorpus(40, seed);
  const options = allCompound(seed);
  options.dictionary = generatedDictionary(records, seed);
  return { records, labels, options };
}

test("every compound output parses back to its label, and every span of the label is in the input", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100_000 }), (seed) => {
      const { records, labels, options } = compoundCorpus(seed);
      for (const { instruction, record } of synthesise(records, labels, options).instructions) {
        const task = taskByName(instruction.task);
        const where = `${instruction.task} ${instruction.strategies}: ${instruction.output}`;
        const chunk = chunkOf(instruction);
        assertReadsBack(
          task,
          chunk,
          parseAnyFormat(task, instruction.output, chunk),
          instruction.label,
          where,
        );
        if (
          task.style === "json" ||
          task.name === "OpenIE" ||
          (task.name === "MRC" && !("choices" in record))
        ) {
          const text = (record as { text: string }).text;
          for (const span of strings(instruction.label))
            if (span !== MISSING && !isNotMentioned(span))
              assert.ok(text.includes(span), `${span} not in ${text}`);
        }
      }
    }),
    { numRuns: 15 },
  );
});

test("a compound instruction's line is exactly JSON.stringify of it, before and after a change to it", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100_000 }), (seed) => {
      const { records, labels, options } = compoundCorpus(seed);
      const compound = createCompoundSynthesis(options);
      let escaped = 0;
      for (const record of records) {
        const plans = planInstructions(record, record.id!, labels.get(record.source)!, BASIC);
        // Lines are written as instructions are made: the escaped text is kept for the latest few.
        for (const instruction of compound.expand(plans)) {
          const line = instructionLine(instruction);
          assert.equal(line, JSON.stringify(instruction));
          if (instruction.kind === "compound" && taskByName(instruction.task).style === "json") escaped++;
          instruction.instruction = `${instruction.instruction} "changed" \\ 😀`;
          assert.equal(instructionLine(instruction), JSON.stringify(instruction));
        }
      }
      assert.ok(escaped > 0, "no compound IE instruction");
    }),
    { numRuns: 10 },
  );
});

test("a masked label always carries its description; examples exist only with the refer-to sentence", () => {
  const { records, labels } = generateCorpus(400, 9);
  const options = allCompound(9);
  options.guidelines.maskRate = 0.6;
  options.dictionary = generatedDictionary(records, 9);
  let masked = 0;
  for (const { instruction } of synthesise(records, labels, options).instructions) {
    const task = taskByName(instruction.task);
    if (task.style !== "json") {
      for (const name of instruction.instruction.match(/\blabel\d+\b/g) ?? []) {
        masked++;
        assert.match(instruction.instruction, new RegExp(`^${name}: \\S`, "m"), instruction.instruction);
      }
      continue;
    }
    const fields = JSON.parse(instruction.instruction);
    const entries: Array<[string, unknown]> = Array.isArray(fields.schema)
      ? fields.schema.map((e: Record<string, unknown>) => [
          e.entity_type ?? e.relation ?? e.predicate ?? e.event_type,
          e.description,
        ])
      : Object.entries(fields.schema);
    for (const [name, description] of entries)
      if (/^label\d+$/.test(String(name))) {
        masked++;
        assert.ok(typeof description === "string" && description.length > 0, instruction.instruction);
      }
    const refers = /refer to the example|参考example/.test(fields.instruction);
    assert.equal(refers, fields.example !== undefined);
  }
  assert.ok(masked > 50, `only ${masked} masked labels`);
});

test("the same inputs and seed give the same bytes; ratio 0 gives basic instructions only", () => {
  const { records, labels } = generateCorpus(200, 4);
  const options = defaultCompoundOptions(4);
  options.dictionary = generatedDictionary(records, 4);
  const first = JSON.stringify(synthesise(records, labels, options).instructions.map((i) => i.instruction));
  const second = JSON.stringify(synthesise(records, labels, options).instructions.map((i) => i.instruction));
  assert.equal(first, second);
  const basic = synthesise(records, labels, { ...options, ratio: 0 });
  assert.ok(basic.instructions.every(({ instruction }) => instruction.kind === "basic"));
  assert.equal(basic.mix.compound.count, 0);
});

test("10,000+ instructions hit the compound ratio and the strategy shares within one point", () => {
  const { records, labels } = generateCorpus(7200, 21);
  const options = defaultCompoundOptions(21);
  options.dictionary = generatedDictionary(records, 21);
  const { instructions, mix } = synthesise(records, labels, options);
  assert.ok(instructions.length >= 10_000, `${instructions.length} instructions`);
  const compound = instructions.filter(({ instruction }) => instruction.kind === "compound");
  assert.ok(Math.abs(compound.length / instructions.length - 0.45) < 0.01, JSON.stringify(mix.compound));
  for (const strategy of ["guidelines", "rules", "format"] as const) {
    const count = compound.filter(({ instruction }) => instruction.strategies.includes(strategy)).length;
    const target = options.strategyShares[strategy];
    assert.ok(
      Math.abs(count / compound.length - target) < 0.01,
      `${strategy}: ${count / compound.length} vs ${target}`,
    );
    assert.equal(mix.strategies[strategy].count, count);
  }
  for (const { instruction } of instructions)
    assert.equal(instruction.kind === "compound", instruction.strategies.length > 0);
});

test("examples are written in the same output format as the target, over the whole chunk", () => {
  const { records, labels } = generateCorpus(300, 13, ["entities", "relations", "events", "graph"]);
  const dictionary = generatedDictionary(records, 13);
  const pool = examplePoolOf(records, 13);
  let checked = 0;
  for (const record of records.slice(0, 60)) {
    for (const plan of planInstructions(record, record.id!, labels.get(record.source)!, BASIC)) {
      const sources = { entry: dictionary.sources[record.source], pool };
      for (const format of variantFormats(plan.task, plan.chunk)) {
        const random = new SeededRandom(checked);
        const guidance = planGuidance(
          plan,
          plan.chunk.labels,
          sources,
          { ...DEFAULT_GUIDELINES, maskRate: 0 },
          random,
        );
        const written = renderCompound(plan, { guidance, format, strategies: ["guidelines", "format"] }, 1);
        const fields = JSON.parse(written.instruction);
        const chunk = renameChunk(plan.chunk, guidance.names);
        for (const example of fields.example ?? []) {
          const text = outputText(example.output);
          const shown = guidance.examples.find((e) => plan.task.input(e.record) === example.input)!.record;
          const parsed = format.parse(plan.task, text, chunk);
          assert.equal(format.render(plan.task, parsed, chunk), text, `${format.name}: ${text}`);
          assert.deepEqual(
            parsed,
            renameAnswer(plan.task, plan.task.answer(shown, plan.chunk), guidance.names),
          );
          assert.equal(
            typeof example.output === "string",
            typeof format.value(plan.task, parsed, chunk) === "string",
          );
          checked++;
        }
      }
    }
  }
  assert.ok(checked > 200, `${checked} examples checked`);
});

test("guidelines left to the renderer are the ones sampled where they are decided", () => {
  const { records, labels } = generateCorpus(60, 17);
  const run = (snapshot: boolean) => {
    const options = allCompound(17);
    options.strategyShares = { guidelines: 0.9, rules: 0.2, format: 0.6 };
    options.dictionary = generatedDictionary(records, 17);
    const mined = examplePoolOf(records, 17);
    // A pool without a snapshot cannot travel to other threads: its guidelines are sampled at once.
    options.pool = snapshot ? mined : { ...mined, snapshot: undefined };
    const compound = createCompoundSynthesis(options);
    let later = 0;
    for (const record of records) {
      const plans = planInstructions(record, record.id!, labels.get(record.source)!, BASIC);
      for (const job of compound.parallel!.choose(plans))
        if (job?.kind === "compound" && job.guidanceLater) later++;
    }
    return { later, ...synthesise(records, labels, options) };
  };
  const sent = run(true);
  const here = run(false);
  assert.ok(sent.later > 40, `${sent.later} instructions left their guidelines to the renderer`);
  assert.equal(here.later, 0);
  assert.deepEqual(
    sent.instructions.map((i) => i.instruction),
    here.instructions.map((i) => i.instruction),
  );
  assert.ok(sent.instructions.filter((i) => i.instruction.strategies.includes("guidelines")).length > 40);
});
