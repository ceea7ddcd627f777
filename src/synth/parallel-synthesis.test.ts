import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { generateCorpus, generatedDictionary } from "../../test/support/generated-records.ts";
import { fixture } from "../../test/support/read-all.ts";
import { synthRun } from "../../test/support/synth-run.ts";
import { planInstructions } from "./basic.ts";
import { basicOnlyMix } from "./basic-only.ts";
import { createCompoundSynthesis, prepareCompound } from "./compound.ts";
import { type CompoundOptions, defaultCompoundOptions } from "./config.ts";
import { examplePoolOf } from "./example-pool.ts";
import type { MixReport } from "./mixing.ts";
import type { SynthOptions } from "./pipeline.ts";
import { parseShard, shardRange } from "./shard.ts";

/** A generated corpus (every record kind) with bad lines among the good, and a CoNLL file beside it. */
function workspace(): { dir: string; inputs: SynthOptions["inputs"] } {
  const dir = mkdtempSync(join(tmpdir(), "hum-parallel-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const lines = generateCorpus(150, 11).records.map((r) => JSON.stringify(r));
  lines.splice(17, 0, "{not json", "");
  lines.splice(60, 0, JSON.stringify({ kind: "entities", source: "x", lang: "fr", text: "t", entities: [] }));
  writeFileSync(join(dir, "corpus.jsonl"), `${lines.join("\n")}\n`);
  cpSync(fixture("conll/token-tag.txt"), join(dir, "tags.txt"));
  return {
    dir,
    inputs: [{ path: join(dir, "corpus.jsonl") }, { path: join(dir, "tags.txt"), format: "conll" }],
  };
}

const base = { seed: 5, negativeRatio: 0.6, schemaOrder: "shuffled" as const };

const run = (dir: string, name: string, options: Parameters<typeof synthRun>[3]) =>
  synthRun(base, dir, name, options);

test("worker threads write the same bytes as one thread, across many small batches", async () => {
  const { dir, inputs } = workspace();
  const one = await run(dir, "one", { inputs });
  assert.ok(one.summary.records.rejected >= 3 && one.summary.instructions.total > 150);
  for (const workers of [2, 3]) {
    const many = await run(dir, `w${workers}`, { inputs, workers, batchItems: 7 });
    assert.equal(many.out, one.out);
    assert.equal(many.rejects, one.rejects);
    assert.deepEqual(many.summary, one.summary);
  }
});

test("compound synthesis on worker threads writes the same bytes, rejects and mix as on one thread", async () => {
  const { dir, inputs } = workspace();
  const { records } = generateCorpus(150, 11);
  const compoundRun = async (
    name: string,
    workers: number,
    tweak: (o: CompoundOptions) => void,
    shard?: SynthOptions["shard"],
  ) => {
    const options = defaultCompoundOptions(base.seed);
    options.dictionary = generatedDictionary(records, base.seed);
    tweak(options);
    const compound = await prepareCompound(inputs, base, options);
    const { expand, firstPass, parallel } = compound;
    return run(dir, name, {
      inputs,
      workers,
      batchItems: 7,
      expand,
      firstPass,
      parallel,
      mix: compound.report,
      shard,
    });
  };
  const tweaks: Record<string, (o: CompoundOptions) => void> = {
    paper: () => {},
    // Several variants and ablations are rendered where they are decided; the rest is sent.
    variants: (o) => {
      o.variantsPerSample = 2;
    },
    ablated: (o) => {
      o.ablate = ["format"];
    },
    balanced: (o) => {
      o.balanceTasks = true;
    },
    // Without a dictionary, typical values still let renderers sample guidelines; a pool given as code
    // (no snapshot to send) keeps the sampling where it is decided.
    "pool only": (o) => {
      o.dictionary = undefined;
    },
    "own pool": (o) => {
      const { positives, negatives, records: own, values } = examplePoolOf(records, base.seed);
      o.pool = { positives, negatives, records: own, values };
    },
  };
  for (const [name, tweak] of Object.entries(tweaks)) {
    const one = await compoundRun(`${name}-one`, 1, tweak);
    const mix = one.summary.mix as MixReport;
    // Task balancing drops most of this corpus's instructions; the rest have plenty compound.
    assert.ok(
      mix.compound.count > (name === "balanced" ? 20 : 50),
      `${name}: ${mix.compound.count} compound`,
    );
    if (name === "paper") assert.ok(Object.keys(mix.rules).length > 0, "preference rules were applied");
    for (const workers of [2, 3]) {
      const many = await compoundRun(`${name}-w${workers}`, workers, tweak);
      assert.equal(many.out, one.out, `${name}, ${workers} workers`);
      assert.equal(many.rejects, one.rejects);
      assert.deepEqual(many.summary, one.summary);
    }
  }
  // A shard decides on its own part, with the same bytes on any number of threads.
  const shard = { index: 2, count: 3 };
  const part = await compoundRun("part-one", 1, () => {}, shard);
  assert.ok(part.summary.records.read > 0 && part.summary.records.read < 100);
  assert.equal((await compoundRun("part-w2", 2, () => {}, shard)).out, part.out);
  // The shards read every item once between them (their ranges end inside the readers' batches).
  let read = 0;
  for (let index = 1; index <= 3; index++)
    read += (await compoundRun(`part-${index}`, 1, () => {}, { index, count: 3 })).summary.records.read;
  assert.equal(read, (await compoundRun("whole", 1, () => {})).summary.records.read);
});

test("shards 1..N written one after another are the single run's bytes", async () => {
  const { dir, inputs } = workspace();
  const whole = await run(dir, "whole", { inputs });
  for (const workers of [1, 2]) {
    const parts: Array<Awaited<ReturnType<typeof run>>> = [];
    for (let index = 1; index <= 3; index++)
      parts.push(
        await run(dir, `part${index}-${workers}`, {
          inputs,
          workers,
          batchItems: 5,
          shard: { index, count: 3 },
        }),
      );
    assert.equal(parts.map((p) => p.out).join(""), whole.out);
    assert.equal(parts.map((p) => p.rejects).join(""), whole.rejects);
    const sum = (f: (s: (typeof whole)["summary"]) => number) => parts.reduce((n, p) => n + f(p.summary), 0);
    assert.equal(
      sum((s) => s.records.read),
      whole.summary.records.read,
    );
    assert.equal(
      sum((s) => s.instructions.total),
      whole.summary.instructions.total,
    );
    assert.ok(parts.every((p) => p.summary.records.read > 0));
  }
});

test("shard ranges cover every item once, and bad shard specs are refused", () => {
  for (const total of [0, 1, 2, 10, 101])
    for (const count of [1, 2, 3, 7]) {
      let next = 0;
      for (let index = 1; index <= count; index++) {
        const [start, end] = shardRange(total, { index, count });
        assert.equal(start, next);
        next = end;
      }
      assert.equal(next, total);
    }
  assert.deepEqual(parseShard("2/8"), { index: 2, count: 8 });
  for (const bad of ["0/3", "4/3", "1/0", "a/b", "2", "-1/3"])
    assert.throws(() => parseShard(bad), /--shard/);
});

test("a basic-only run reports the mix compound synthesis reports at ratio 0", () => {
  const { records, labels } = generateCorpus(80, 3);
  const options = defaultCompoundOptions(4);
  options.ratio = 0;
  const compound = createCompoundSynthesis(options);
  const byTask: Record<string, number> = {};
  for (const [i, record] of records.entries())
    for (const written of compound.expand(
      planInstructions(record, String(i), labels.get(record.source)!, base),
    ))
      byTask[written.task] = (byTask[written.task] ?? 0) + 1;
  assert.deepEqual(basicOnlyMix(options, byTask), compound.report());
});

test("a cached label pass gives the same bytes, and a changed input is read again", async () => {
  const { dir, inputs } = workspace();
  const labelCache = join(dir, "labels");
  const fresh = await run(dir, "fresh", { inputs });
  const cold = await run(dir, "cold", { inputs, labelCache });
  // The canonical file is cached; the CoNLL file (another format) is read each time.
  assert.equal(readdirSync(labelCache).length, 1);
  const warm = await run(dir, "warm", { inputs, labelCache, shard: { index: 1, count: 1 } });
  for (const result of [cold, warm]) {
    assert.equal(result.out, fresh.out);
    assert.deepEqual(result.summary, fresh.summary);
  }
  const extra = {
    kind: "entities",
    source: "generated_entities",
    lang: "en",
    text: "Zed.",
    entities: [{ text: "Zed", type: "zzz_new" }],
  };
  appendFileSync(inputs[0].path, `${JSON.stringify(extra)}\n`);
  const changed = await run(dir, "changed", { inputs, labelCache });
  // The new label is asked of the source's other records too: a stale universe would not know it.
  assert.ok(changed.out.split("\n").filter((line) => line.includes("zzz_new")).length > 5);
  assert.equal(changed.out, (await run(dir, "changed-fresh", { inputs })).out);
  assert.equal(readdirSync(labelCache).length, 2);
});

test("a label cache file cut short is a miss, not an error", async () => {
  const { dir, inputs } = workspace();
  const labelCache = join(dir, "labels");
  const fresh = await run(dir, "fresh", { inputs });
  await run(dir, "cold", { inputs, labelCache });
  const [cacheFile] = readdirSync(labelCache);
  writeFileSync(join(labelCache, cacheFile), '{"sources": {"generated_ent');
  const again = await run(dir, "again", { inputs, labelCache });
  assert.equal(again.out, fresh.out);
});
