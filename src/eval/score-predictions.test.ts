import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { syntheticPredictions } from "../../test/support/synthetic-predictions.ts";
import { type SchemaChunk, type TaskName, taskByName } from "../tasks/index.ts";
import { pythonJson } from "../util/python-json.ts";
import type { EvalDatasetName, PredictionRecord } from "./eval-record.ts";
import { formatReportTable } from "./report-table.ts";
import {
  type ScoredOutput,
  type ScoreOptions,
  type SetResult,
  StreamingScorer,
  scorePredictions,
} from "./score-predictions.ts";

const DATASET: Partial<Record<TaskName, EvalDatasetName>> = {
  NER: "crossner",
  RE: "fewrel",
  EE: "fewfc",
  MRC: "c3",
  TC: "imdb",
};

function prediction(
  task: TaskName,
  chunk: SchemaChunk,
  label: unknown,
  output: string | null,
  recordId = "r1",
): PredictionRecord {
  const dataset = DATASET[task]!;
  return {
    id: `${recordId}-${chunk.labels.join()}`,
    dataset,
    variant: "B",
    task,
    source: dataset,
    lang: "en",
    record_id: recordId,
    instruction: "",
    chunk,
    format: chunk.plain ? "plain" : "json",
    label,
    reference_output: "",
    output,
  };
}

async function only(predictions: PredictionRecord[], options: ScoreOptions = {}): Promise<SetResult> {
  const report = await scorePredictions(predictions, options);
  assert.equal(report.results.length, 1);
  return report.results[0];
}

const NER_CHUNK = { labels: ["award", "location", "person"] };
const NER_GOLD = { award: ["Turing Award"], location: [], person: ["Hinton", "Bengio"] };

describe("scorePredictions: hand-computed perturbations (NER, 3 gold entities)", () => {
  const cases: Array<[string, unknown, [number, number, number]]> = [
    ["gold", NER_GOLD, [100, 100, 100]],
    ["reorder", { person: ["Bengio", "Hinton"], location: [], award: ["Turing Award"] }, [100, 100, 100]],
    ["drop", { award: ["Turing Award"], location: [], person: ["Hinton"] }, [100, 66.67, 80]],
    [
      "add",
      { award: ["Turing Award"], location: ["Boston"], person: ["Hinton", "Bengio"] },
      [75, 100, 85.71],
    ],
    ["swap", { award: ["Hinton"], location: [], person: ["Turing Award", "Bengio"] }, [33.33, 33.33, 33.33]],
    ["mistype", { award: ["Turing Award"], location: ["Hinton"], person: ["Bengio"] }, [66.67, 66.67, 66.67]],
  ];
  for (const [name, output, [precision, recall, f1]] of cases) {
    it(name, async () => {
      const result = await only([prediction("NER", NER_CHUNK, NER_GOLD, pythonJson(output))]);
      assert.deepEqual([result.precision, result.recall, result.f1], [precision, recall, f1]);
    });
  }
});

describe("scorePredictions: pooling and errors", () => {
  it("pools the chunks of a record against its full label", async () => {
    const result = await only([
      prediction("NER", { labels: ["award"] }, { award: ["Turing Award"] }, '{"award": ["Turing Award"]}'),
      prediction("NER", { labels: ["person"] }, { person: ["Hinton"] }, '{"person": []}'),
    ]);
    assert.equal(result.records, 1);
    assert.equal(result.outputs, 2);
    assert.deepEqual([result.precision, result.recall, result.f1], [100, 50, 66.67]);
  });

  it("an unparseable output is an error that contributes no predictions", async () => {
    const result = await only([prediction("NER", NER_CHUNK, NER_GOLD, "I cannot help with that.")]);
    assert.equal(result.unparseable, 1);
    assert.deepEqual(result.counts, { predicted: 0, gold: 3, correct: 0 });
  });

  it("a failed request counts as failed and unparseable", async () => {
    const result = await only([prediction("NER", NER_CHUNK, NER_GOLD, null)]);
    assert.deepEqual([result.failed, result.unparseable], [1, 1]);
  });

  it("--normalize folds case and whitespace", async () => {
    const output = '{"award": ["turing  award"], "person": ["HINTON", "Ben gio"]}';
    assert.equal((await only([prediction("NER", NER_CHUNK, NER_GOLD, output)])).f1, 0);
    assert.equal((await only([prediction("NER", NER_CHUNK, NER_GOLD, output)], { normalize: true })).f1, 100);
  });

  it("seeded perturbations score exactly what their bookkeeping predicts", async () => {
    const { predictions, expected } = syntheticPredictions("NER", 500, 7, 0.8);
    const result = await only(predictions);
    assert.deepEqual(result.counts, expected);
  });
});

describe("scorePredictions --compat iepile", () => {
  const iepile: ScoreOptions = { compat: "iepile" };

  it("a duplicated correct entity gives P 50, R 100, F1 66.67", async () => {
    const gold = { person: ["Hinton"] };
    const result = await only(
      [prediction("NER", { labels: ["person"] }, gold, '{"person": ["Hinton", "Hinton"]}')],
      iepile,
    );
    assert.deepEqual([result.precision, result.recall, result.f1], [50, 100, 66.67]);
    const deduplicated = await only([
      prediction("NER", { labels: ["person"] }, gold, '{"person": ["Hinton", "Hinton"]}'),
    ]);
    assert.equal(deduplicated.f1, 100);
  });

  it("a wrong case gives 0", async () => {
    const result = await only(
      [prediction("NER", { labels: ["person"] }, { person: ["Hinton"] }, '{"person": ["hinton"]}')],
      iepile,
    );
    assert.deepEqual([result.precision, result.recall, result.f1], [0, 0, 0]);
  });

  it("EE with the wrong trigger but the right arguments: event F1 0, argument F1 100", async () => {
    const chunk = { labels: ["marriage"], roles: { marriage: ["husband", "wife", "time"] } };
    const gold = {
      marriage: [{ trigger: "married", arguments: { husband: "Ning Shan", wife: "Ren Xiao" } }],
    };
    const output = pythonJson({
      marriage: [{ trigger: "wedding", arguments: { husband: "Ning Shan", wife: "Ren Xiao", time: "NAN" } }],
    });
    for (const options of [iepile, {}]) {
      const result = await only([prediction("EE", chunk, gold, output)], options);
      assert.equal(result.f1, 0);
      assert.equal(result.argument_f1, 100);
    }
  });

  it("fenced JSON is an error, which the default mode reads", async () => {
    const fenced = '```json\n{"person": ["Hinton"]}\n```';
    const compat = await only(
      [prediction("NER", { labels: ["person"] }, { person: ["Hinton"] }, fenced)],
      iepile,
    );
    assert.deepEqual([compat.unparseable, compat.f1], [1, 0]);
    const tolerant = await only([prediction("NER", { labels: ["person"] }, { person: ["Hinton"] }, fenced)]);
    assert.deepEqual([tolerant.unparseable, tolerant.f1], [0, 100]);
  });

  it("RE reads subject/object, never head/tail", async () => {
    const gold = { religion: [{ subject: "Vincent Madeley Harris", object: "Catholic Church" }] };
    const headTail = '{"religion": [{"head": "Vincent Madeley Harris", "tail": "Catholic Church"}]}';
    const result = await only([prediction("RE", { labels: ["religion"] }, gold, headTail)], iepile);
    assert.equal(result.f1, 0);
  });
});

describe("scorePredictions: choices and the table", () => {
  it("accuracy for multiple choice and sentiment, the average over sets", async () => {
    const choice = { labels: ["diary", "novel", "semester plan"], plain: true };
    const sentiment = { labels: ["negative", "positive"], plain: true };
    const report = await scorePredictions([
      prediction("MRC", choice, { answer: "semester plan" }, "semester plan", "q1"),
      prediction("MRC", choice, { answer: "diary" }, "The answer is: novel", "q2"),
      prediction("TC", sentiment, { type: "negative" }, "Negative", "t1"),
      prediction("NER", NER_CHUNK, NER_GOLD, pythonJson(NER_GOLD)),
    ]);
    const byTask = Object.fromEntries(report.results.map((r) => [r.task, r]));
    assert.equal(byTask.MRC.accuracy, 50);
    assert.equal(byTask.TC.accuracy, 100);
    assert.equal(report.average.B, 83.33);
    const table = formatReportTable(report, "model");
    assert.match(table, /\| model \| 100\.00 \| – \| 50\.00 \| – \| 100\.00 \| – \| 83\.33 \| {2}\|/);
  });
});

describe("scorePredictions: what each output was read as", () => {
  it("counts readers per set, drops labels the chunk did not ask, and says so per prediction", async () => {
    const details: unknown[] = [];
    const result = await only(
      [
        prediction("NER", NER_CHUNK, NER_GOLD, '{"person": ["Hinton", "Bengio"], "field": ["AI"]}', "a"),
        prediction("NER", NER_CHUNK, NER_GOLD, 'Sure! ```json\n{"award": ["Turing Award"]}\n```', "b"),
        prediction("NER", NER_CHUNK, NER_GOLD, "Result: Hinton is a person.", "c"),
        prediction("NER", NER_CHUNK, NER_GOLD, "| type | entity |\n|---|---|\n| person | Hinton |", "d"),
        prediction("NER", NER_CHUNK, NER_GOLD, null, "e"),
      ],
      { onPrediction: (detail) => details.push(detail) },
    );
    assert.deepEqual(result.read_as, {
      "asked-format": 1,
      failed: 1,
      "json-fenced": 1,
      "other-format": 1,
      unparseable: 1,
    });
    assert.equal(result.outside_labels, 1);
    assert.equal(result.unparseable, 2);
    assert.deepEqual(details[0], {
      id: "a-award,location,person",
      dataset: "crossner",
      variant: "B",
      record_id: "a",
      read_as: "asked-format",
      tuples: 2,
      outside_labels: 1,
    });
    assert.match(formatReportTable(await scorePredictions([]), "m"), /How the outputs were read/);
  });

  it("a record whose predictions are not adjacent is an error", async () => {
    const lines = ["a", "b", "a"].map((id) => prediction("NER", NER_CHUNK, NER_GOLD, "{}", id));
    await assert.rejects(scorePredictions(lines), /a-award,location,person: record "a" .* comes again/);
  });

  it("a record that comes back after 100,000 others is an error too, once all are read", () => {
    const scorer = new StreamingScorer();
    const output = (recordId: string): ScoredOutput => ({
      dataset: "crossner",
      title: "CrossNER",
      variant: "B",
      task: taskByName("NER"),
      record_id: recordId,
      source: "crossner",
      gold: [],
      goldArguments: [],
      parsed: { ok: false, reason: "failed" },
      failed: true,
    });
    for (let i = 0; i < 100_000; i++) scorer.add(output(`r${i}`));
    scorer.add(output("r0"));
    assert.throws(
      () => scorer.finish(),
      /prediction 100001: the record of prediction 1 comes again after other records/,
    );
  });
});
