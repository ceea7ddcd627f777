import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { browserMissing, launchBrowser } from "../../test/support/browser.ts";
import { humInProcess } from "../../test/support/hum-in-process.ts";
import { loadTokenCounter } from "../tokenizer/index.ts";
import { corpusStats, labelOccurrences, strategyKey } from "./index.ts";

/** Run in the page (as text: the project's type check has no DOM library): each canvas, its chart, its ink. */
const CANVASES = `[...document.querySelectorAll("canvas")].map((canvas) => {
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
  return { id: canvas.id, chart: Chart.getChart(canvas) !== undefined, painted, width: canvas.width };
})`;

const examples = new URL("../../examples/hum.yaml", import.meta.url).pathname;

/** The embedded example through `hum synth --summary --report`, as a user runs it. */
async function exampleRun() {
  const dir = mkdtempSync(join(tmpdir(), "hum-report-"));
  const paths = {
    out: join(dir, "instructions.jsonl"),
    summary: join(dir, "summary.json"),
    report: join(dir, "report.html"),
  };
  await humInProcess(
    "synth",
    "--config",
    examples,
    "--out",
    paths.out,
    "--summary",
    paths.summary,
    "--report",
    paths.report,
  );
  return {
    dir,
    ...paths,
    summary: JSON.parse(readFileSync(paths.summary, "utf8")),
    summaryPath: paths.summary,
  };
}

test("label occurrences follow each task's answer shape", () => {
  assert.deepEqual(labelOccurrences("NER", { person: ["Ada", "Charles"], award: [] }), [["person", 2]]);
  assert.deepEqual(labelOccurrences("KGE", { Person: { Nora: { occupation: "x" } } }), [["Person", 1]]);
  assert.deepEqual(labelOccurrences("TC", { type: "sports" }), [["sports", 1]]);
  assert.deepEqual(labelOccurrences("MRC", { answer: "1961" }), []);
  assert.equal(strategyKey({ kind: "compound", strategies: ["guidelines", "format"] }), "guidelines+format");
  assert.equal(strategyKey({ kind: "basic", strategies: [] }), "basic");
});

test("the statistics agree with the run summary, and unreadable lines are counted, not shown", async () => {
  const run = await exampleRun();
  const stats = await corpusStats(run.out);
  assert.equal(stats.instructions, run.summary.instructions.total);
  assert.deepEqual(stats.by_task, run.summary.instructions.by_task);
  assert.deepEqual(stats.by_source, run.summary.instructions.by_source);
  assert.deepEqual(stats.by_kind, run.summary.instructions.by_kind);
  assert.equal(stats.by_strategy.guidelines, run.summary.mix.strategies.guidelines.count);
  const chars = stats.lengths["instruction characters"];
  assert.equal(chars.count, stats.instructions);
  assert.equal(
    chars.counts.reduce((a, b) => a + b, 0),
    stats.instructions,
  );
  assert.equal(stats.lengths["instruction tokens"], undefined, "no tokenizer, no token histogram");
  const withTokens = await corpusStats(run.out, { countTokens: (text) => text.split(/\s+/).length });
  assert.equal(withTokens.lengths["output tokens"].count, stats.instructions);

  const broken = join(run.dir, "broken.jsonl");
  writeFileSync(broken, `${readFileSync(run.out, "utf8")}not json\n{"task": 1}\n`);
  const rejects = join(run.dir, "rejects.jsonl");
  writeFileSync(
    rejects,
    '{"reason": "span: \\"x\\" not in text"}\n{"reason": "invalid JSON: oops"}\n{"reason": "span: y"}\n',
  );
  const counted = await corpusStats(broken, { rejectsPath: rejects });
  assert.equal(counted.unreadable, 2);
  assert.equal(counted.instructions, stats.instructions);
  assert.deepEqual(counted.rejected_by_reason, { "invalid JSON": 1, span: 2 });
});

test("the report is one file that needs no network, and the same corpus gives the same bytes", async () => {
  const run = await exampleRun();
  const html = readFileSync(run.report, "utf8");
  assert.doesNotMatch(
    html,
    /<script[^>]+src=|<link[^>]+href=|@import|url\(http/i,
    "nothing is loaded from elsewhere",
  );
  assert.match(html, /Chart\.js v4/);
  assert.match(html, /Permission is hereby granted/, "the charting library's licence travels with it");
  assert.doesNotMatch(html, new RegExp(run.dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")), "no machine paths");
  const again = join(run.dir, "again.html");
  await humInProcess("report", run.out, "--out", again, "--summary", run.summaryPath);
  assert.equal(readFileSync(again, "utf8"), html);
});

/** The data a report embeds for its page script. */
function reportData(path: string) {
  const html = readFileSync(path, "utf8");
  const json = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1];
  assert.ok(json, "the report embeds its data");
  return JSON.parse(json);
}

test("a named tokenizer counts the token histograms of `hum synth --report` and `hum report`, and is named", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hum-report-tokens-"));
  const out = join(dir, "instructions.jsonl");
  const synthReport = join(dir, "synth.html");
  await humInProcess("synth", "--config", examples, "--out", out, "--summary", join(dir, "s.json"));
  await humInProcess("report", out, "--out", synthReport, "--tokenizer", "qwen2");
  const qwen = reportData(synthReport);
  const qwen2 = await loadTokenCounter("qwen2");
  const lines = readFileSync(out, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  const tokens = lines.map((line) => qwen2(line.instruction));
  assert.equal(qwen.tokenizer, "qwen2");
  assert.equal(qwen.stats.lengths["instruction tokens"].count, lines.length);
  assert.equal(qwen.stats.lengths["instruction tokens"].max, Math.max(...tokens));

  const estimated = join(dir, "estimated.html");
  await humInProcess("report", out, "--out", estimated, "--tokenizer", "chars/4");
  const estimate = reportData(estimated);
  assert.equal(estimate.tokenizer, "chars/4");
  assert.equal(
    estimate.stats.lengths["output tokens"].max,
    Math.max(...lines.map((line) => Math.ceil(line.output.length / 4))),
  );
  const plain = join(dir, "plain.html");
  await humInProcess("report", out, "--out", plain);
  assert.equal(reportData(plain).tokenizer, undefined);
  assert.equal(reportData(plain).stats.lengths["instruction tokens"], undefined);

  // `hum synth --report --tokenizer`: the same tokenizer counts the budget and the report's histograms.
  const again = join(dir, "again.jsonl");
  const againReport = join(dir, "again.html");
  await humInProcess(
    "synth",
    "--config",
    examples,
    "--out",
    again,
    "--summary",
    join(dir, "again.json"),
    "--tokenizer",
    "qwen2",
    "--report",
    againReport,
  );
  const fromSynth = reportData(againReport);
  assert.equal(fromSynth.tokenizer, "qwen2");
  assert.deepEqual(fromSynth.stats.lengths["output tokens"], qwen.stats.lengths["output tokens"]);
});

test("in Chromium the report draws its charts without errors and shows the run summary's numbers", {
  skip: browserMissing(),
}, async (t) => {
  const run = await exampleRun();
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.context.newPage();
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(run.report).href);
  await page.waitForSelector("body[data-ready]");
  assert.deepEqual(browser.errors, []);
  assert.deepEqual(requests, [pathToFileURL(run.report).href], "the page fetches nothing");

  // Every chart canvas has a Chart.js chart with pixels on it.
  const charts = (await page.evaluate(CANVASES)) as {
    id: string;
    chart: boolean;
    painted: number;
    width: number;
  }[];
  assert.ok(charts.length >= 6, `charts: ${charts.map((c) => c.id).join(", ")}`);
  for (const chart of charts) {
    assert.ok(chart.chart, `${chart.id} is a chart`);
    assert.ok(chart.width > 0 && chart.painted > 500, `${chart.id} drew something (${chart.painted} pixels)`);
  }

  const stat = (key: string) => page.locator(`[data-stat="${key}"]`).innerText();
  const summary = run.summary;
  assert.equal(await stat("instructions"), String(summary.instructions.total));
  assert.equal(await stat("basic"), String(summary.instructions.by_kind.basic));
  assert.equal(await stat("compound"), String(summary.instructions.by_kind.compound));
  assert.equal(await stat("records-read"), String(summary.records.read));
  assert.equal(await stat("records-rejected"), String(summary.records.rejected));
  for (const [task, count] of Object.entries(summary.instructions.by_task))
    assert.equal(await page.locator(`[data-task-count="${task}"]`).innerText(), String(count), task);
  for (const [source, count] of Object.entries(summary.instructions.by_source))
    assert.equal(await page.locator(`[data-source-count="${source}"]`).innerText(), String(count), source);
  for (const [strategy, share] of Object.entries(summary.mix.strategies as Record<string, { count: number }>))
    assert.equal(await page.locator(`[data-strategy-count="${strategy}"]`).innerText(), String(share.count));

  // Samples are browsable per task and strategy, IE instructions shown field by field.
  await page.selectOption("#sample-task", "NER");
  await page.selectOption("#sample-strategy", "basic");
  const sample = await page.locator(".sample").first().innerText();
  assert.match(sample, /instruction[\s\S]*schema[\s\S]*input/);
  assert.doesNotMatch(sample, /\[object /);
});
