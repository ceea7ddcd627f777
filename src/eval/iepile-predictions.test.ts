import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { humInProcess } from "../../test/support/hum-in-process.ts";
import { type IepileTask, scoreIepilePredictions } from "./iepile-predictions.ts";
import type { PredictionDetail } from "./score-predictions.ts";

const FOLDER = fileURLToPath(new URL("../../test/fixtures/iepile-fidelity/", import.meta.url));
const file = (task: string) => join(FOLDER, `predictions-${task.toLowerCase()}.jsonl`);

/** IEPile's eval_func.py on the same files (scripts/iepile-eval-expected.py), figures as it prints them. */
const IEPILE: Record<string, Record<string, number>> = JSON.parse(
  readFileSync(join(FOLDER, "expected-scores.json"), "utf8"),
);

describe("hum eval score --format iepile --compat iepile equals IEPile's eval_func.py", () => {
  for (const task of ["NER", "RE"] as const)
    it(`${task}: P/R/F1 and errors, corner cases included`, async () => {
      const [result] = (await scoreIepilePredictions(file(task), task, { compat: "iepile" })).results;
      const expected = IEPILE[task];
      assert.deepEqual(
        [result.precision, result.recall, result.f1, result.records, result.unparseable],
        [expected.P, expected.R, expected.F1, expected["总样本数"], expected["错误数"]],
      );
    });

  it("EE: event and argument P/R/F1 (null trigger, NaN, non-string argument values)", async () => {
    const [result] = (await scoreIepilePredictions(file("EE"), "EE", { compat: "iepile" })).results;
    const e = IEPILE.EE;
    assert.deepEqual(
      [
        result.precision,
        result.recall,
        result.f1,
        result.argument_precision,
        result.argument_recall,
        result.argument_f1,
      ],
      [e.event_P, e.event_R, e.event_F1, e.argument_P, e.argument_R, e.argument_F1],
    );
  });

  it("EEA: argument P/R/F1", async () => {
    const [result] = (await scoreIepilePredictions(file("EEA"), "EEA", { compat: "iepile" })).results;
    const e = IEPILE.EEA;
    assert.deepEqual(
      [result.precision, result.recall, result.f1],
      [e.argument_P, e.argument_R, e.argument_F1],
    );
  });
});

describe("hum eval score --format iepile, default mode", () => {
  it("says per set how outputs were read; prose is unparseable, tuples keep to the asked labels", async () => {
    const details: PredictionDetail[] = [];
    const [result] = (
      await scoreIepilePredictions(file("NER"), "NER", { onPrediction: (d) => details.push(d) })
    ).results;
    assert.deepEqual(result.read_as, { json: 5, "json-fenced": 1, unparseable: 1 });
    // "2019" answered in a chunk that did not ask it is dropped.
    assert.equal(result.outside_labels, 1);
    assert.equal(details.length, 7);
    const prose = details.at(-1)!;
    assert.equal(prose.read_as, "unparseable");
    assert.match(prose.id, /predictions-ner\.jsonl:7$/);
    assert.deepEqual(result.counts, { predicted: 6, gold: 7, correct: 4 });
  });

  it("EET reads the EE label as (type, trigger) and keeps one trigger per mention in compat", async () => {
    const folder = mkdtempSync(join(tmpdir(), "hum-iepile-"));
    const path = join(folder, "eet.jsonl");
    const label = JSON.stringify([
      { event_type: "transport", event_trigger: "moved", arguments: [] },
      { event_type: "transport", event_trigger: "moved", arguments: [] },
    ]);
    const instruction = JSON.stringify({
      instruction: "…",
      schema: ["attack", "transport"],
      input: "moved, moved",
    });
    writeFileSync(
      path,
      `${JSON.stringify({ id: "x", source: "s", instruction, label, output: '{"attack": [], "transport": ["moved"]}' })}\n`,
    );
    const [compat] = (await scoreIepilePredictions(path, "EET", { compat: "iepile" })).results;
    assert.deepEqual(compat.counts, { predicted: 1, gold: 2, correct: 1 });
    const [standard] = (await scoreIepilePredictions(path, "EET")).results;
    assert.deepEqual(standard.counts, { predicted: 1, gold: 1, correct: 1 });
  });

  it("a record whose lines come back after another record is an error naming the line", async () => {
    const lines = readFileSync(file("NER"), "utf8").trim().split("\n");
    const path = join(mkdtempSync(join(tmpdir(), "hum-iepile-")), "shuffled.jsonl");
    writeFileSync(path, `${[lines[0], lines[2], lines[1]].join("\n")}\n`);
    await assert.rejects(scoreIepilePredictions(path, "NER"), /shuffled\.jsonl:3: record .* comes again/);
  });

  it("a line without output is an error naming file and line", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "hum-iepile-")), "bad.jsonl");
    writeFileSync(path, '{"id": "a", "label": "[]", "output": "{}"}\n{"id": "b", "label": "[]"}\n');
    await assert.rejects(scoreIepilePredictions(path, "NER"), /bad\.jsonl:2: no "output"/);
  });

  it("the CLI scores IEPile lines and writes the per-prediction details file", async () => {
    const folder = mkdtempSync(join(tmpdir(), "hum-iepile-"));
    const details = join(folder, "details.jsonl");
    const printed: string[] = [];
    const log = console.log;
    console.log = (text: string) => printed.push(text);
    try {
      const task: IepileTask = "RE";
      await humInProcess(
        "eval",
        "score",
        "--predictions",
        file(task),
        "--format",
        "iepile",
        "--task",
        task,
        "--compat",
        "iepile",
        "--json",
        "--details",
        details,
      );
    } finally {
      console.log = log;
    }
    const report = JSON.parse(printed.join("\n"));
    assert.equal(report.results[0].f1, IEPILE.RE.F1);
    assert.equal(readFileSync(details, "utf8").trim().split("\n").length, 3);
  });
});
