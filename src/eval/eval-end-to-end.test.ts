import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type OpenAiServer, startOpenAiServer } from "../../test/support/openai-server.ts";
import { buildEvalSets } from "./build-eval-sets.ts";
import type { EvalRecord, PredictionRecord } from "./eval-record.ts";
import { readEvalRecords, readPredictions } from "./eval-record-schema.ts";
import { readLabelDescriptions } from "./label-descriptions.ts";
import { formatReportTable } from "./report-table.ts";
import { evalSetFiles, runEval } from "./run-eval.ts";
import { type ScoreReport, scorePredictions } from "./score-predictions.ts";

const FIXTURES = fileURLToPath(new URL("../../test/fixtures/eval/", import.meta.url));
const SHARED = fileURLToPath(new URL("../../../shared/datasets/", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "hum-eval-e2e-"));
after(() => rmSync(work, { recursive: true, force: true }));

type Answer = (record: EvalRecord) => string | { status: number };

/** A loopback endpoint that answers each eval instruction with what `answer` makes of its record. */
async function endpointFor(sets: string, answer: Answer): Promise<OpenAiServer> {
  const byInstruction = new Map<string, EvalRecord>();
  for (const file of evalSetFiles(sets))
    for await (const r of readEvalRecords(file)) byInstruction.set(r.instruction, r);
  return startOpenAiServer({
    script: (request) => {
      const record = byInstruction.get(request.body?.messages.at(-1)?.content ?? "");
      if (!record) return { status: 400 };
      const reply = answer(record);
      return typeof reply === "string" ? { text: reply } : { status: reply.status };
    },
  });
}

async function runAndScore(
  sets: string,
  server: OpenAiServer,
  name: string,
): Promise<{ report: ScoreReport; predictions: PredictionRecord[] }> {
  const out = join(work, `${name}.jsonl`);
  await runEval({
    sets,
    out,
    client: {
      baseUrl: server.baseUrl,
      model: "loopback",
      concurrency: 16,
      cachePath: join(work, `${name}.cache.sqlite`),
      failureLogPath: join(work, `${name}.failed.jsonl`),
      statusStream: null,
      retry: { maxRetries: 0 },
    },
  });
  const predictions: PredictionRecord[] = [];
  for await (const p of readPredictions(out)) predictions.push(p);
  return { report: await scorePredictions(predictions), predictions };
}

function figure(
  report: ScoreReport,
  dataset: string,
  variant: "B" | "C",
  key: "f1" | "accuracy" | "argument_f1",
) {
  return report.results.find((r) => r.dataset === dataset && r.variant === variant)?.[key];
}

describe("eval end to end on the fixtures: build, run against a loopback endpoint, score", () => {
  const sets = join(work, "fixture-sets");
  before(async () => {
    await buildEvalSets({
      datasets: FIXTURES,
      out: sets,
      seed: 42,
      examplePool: 20,
      formatShare: 0.5,
      descriptions: readLabelDescriptions(join(FIXTURES, "descriptions.yaml")),
    });
  });

  it("an endpoint answering the gold outputs scores 100 everywhere, and a rerun pays nothing", async () => {
    const server = await endpointFor(sets, (record) => record.reference_output);
    try {
      const { report } = await runAndScore(sets, server, "gold");
      for (const result of report.results) {
        assert.equal(result.unparseable, 0, `${result.dataset} ${result.variant}`);
        assert.equal(result.f1 ?? result.accuracy, 100, `${result.dataset} ${result.variant}`);
      }
      assert.deepEqual(report.average, { B: 100, C: 100 });
      assert.match(formatReportTable(report, "gold"), /^\| gold \| 100\.00 \| 100\.00 \|/m);
      const paid = server.completionRequests().length;
      await runAndScore(sets, server, "gold");
      assert.equal(server.completionRequests().length, paid, "the second run must come from the cache");
    } finally {
      await server.close();
    }
  });

  it("perturbed answers and failed requests score what they should", async () => {
    const server = await endpointFor(sets, (record) => {
      if (record.dataset === "imdb") return "positive";
      if (record.dataset === "crossner" && record.variant === "C") return "{}";
      if (record.dataset === "fewrel" && record.variant === "B") return { status: 400 };
      if (record.dataset === "c3" && record.variant === "B") return `答案：${record.reference_output}`;
      return record.reference_output;
    });
    try {
      const { report, predictions } = await runAndScore(sets, server, "perturbed");
      const imdb = predictions.filter((p) => p.dataset === "imdb" && p.variant === "B");
      const positives = imdb.filter((p) => (p.label as { type: string }).type === "positive").length;
      assert.equal(
        figure(report, "imdb", "B", "accuracy"),
        Math.round((positives / imdb.length) * 10000) / 100,
      );
      assert.equal(figure(report, "crossner", "C", "f1"), 0);
      assert.equal(figure(report, "crossner", "B", "f1"), 100);
      const fewrel = report.results.find((r) => r.dataset === "fewrel" && r.variant === "B")!;
      assert.equal(fewrel.failed, fewrel.outputs);
      assert.equal(fewrel.f1, 0);
      assert.ok(predictions.filter((p) => p.output === null).every((p) => p.error?.reason === "http_400"));
      assert.equal(figure(report, "c3", "B", "accuracy"), 100);
      assert.equal(figure(report, "fewfc", "C", "argument_f1"), 100);
    } finally {
      await server.close();
    }
  });
});

describe("eval end to end on ../shared/datasets", {
  skip: existsSync(SHARED) ? false : "../shared/datasets is absent",
}, () => {
  it("the gold outputs score 100 in every set, in the default and the IEPile mode for B", async () => {
    const sets = join(work, "shared-sets");
    await buildEvalSets({ datasets: SHARED, out: sets, seed: 42, examplePool: 20, formatShare: 0.25 });
    const server = await endpointFor(sets, (record) => record.reference_output);
    try {
      const { report, predictions } = await runAndScore(sets, server, "shared-gold");
      assert.equal(report.results.length, 10);
      for (const result of report.results)
        assert.equal(result.f1 ?? result.accuracy, 100, `${result.dataset} ${result.variant}`);
      const iepile = await scorePredictions(
        predictions.filter((p) => p.variant === "B"),
        { compat: "iepile" },
      );
      for (const result of iepile.results)
        assert.equal(result.f1 ?? result.accuracy, 100, `${result.dataset} B`);
    } finally {
      await server.close();
    }
  });
});
