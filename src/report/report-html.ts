import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CorpusStats } from "./corpus-stats.ts";
import { pageStylesheet } from "./page-stylesheet.ts";

/** What the run itself said (the `--summary` JSON of `hum synth`); the report shows it when given. */
export interface RunFacts {
  records?: { read: number; accepted: number; rejected: number; without_instructions?: number };
  rejected_by_reason?: Record<string, number>;
  mix?: {
    compound?: { target: number };
    strategies?: Record<string, { target: number }>;
    tasks?: Record<string, { target: number }>;
  };
}

export interface ReportOptions {
  /** Shown as the report's title: a file name, never a path of the machine that made it. */
  title: string;
  summary?: RunFacts;
  /** Targets when the summary has none (the paper's Figure 4 and strategy counts). */
  taskTargets: Record<string, number>;
  strategyTargets: Record<string, number>;
  compoundTarget: number;
  /** The tokenizer that counted tokens, when token histograms are present. */
  tokenizer?: string;
}

/** The data the page script draws from, embedded in the file as JSON. */
export interface ReportData {
  title: string;
  stats: CorpusStats;
  records?: RunFacts["records"];
  targets: { tasks: Record<string, number>; strategies: Record<string, number>; compound: number };
  tokenizer?: string;
}

/**
 * The report: one HTML file that needs no network to view. The charting library (Chart.js, MIT) is
 * inlined with its licence, beside the page's own script and the data, so the file can be mailed,
 * archived or opened offline. No time stamp goes in: the same corpus gives the same bytes.
 */
export function reportHtml(stats: CorpusStats, options: ReportOptions): string {
  const mix = options.summary?.mix;
  const targetsOf = (
    shares: Record<string, { target: number }> | undefined,
    fallback: Record<string, number>,
  ) => (shares ? Object.fromEntries(Object.entries(shares).map(([k, v]) => [k, v.target])) : fallback);
  const data: ReportData = {
    title: options.title,
    stats: {
      ...stats,
      rejected_by_reason: options.summary?.rejected_by_reason ?? stats.rejected_by_reason,
    },
    targets: {
      tasks: targetsOf(mix?.tasks, options.taskTargets),
      strategies: targetsOf(mix?.strategies, options.strategyTargets),
      compound: mix?.compound?.target ?? options.compoundTarget,
    },
  };
  if (options.summary?.records) data.records = options.summary.records;
  if (options.tokenizer) data.tokenizer = options.tokenizer;
  const chart = chartLibrary();
  return asset("report-page.html")
    .replaceAll("{{TITLE}}", () => escapeHtml(options.title))
    .replace("/* STYLE */", () => pageStylesheet(asset("report-page.css")))
    .replace("<!-- LICENSE -->", () => `<!--\n${chart.license.replaceAll("--", "- -")}\n-->`)
    .replace("/* CHART */", () => scriptSafe(chart.code))
    .replace('"__DATA__"', () => JSON.stringify(data).replace(/</g, "\\u003c"))
    .replace("/* SCRIPT */", () => scriptSafe(asset("report-page.js")));
}

function asset(name: string): string {
  return readFileSync(new URL(name, import.meta.url), "utf8");
}

/** Chart.js's minified browser build and its licence, from the installed package. */
function chartLibrary(): { code: string; license: string } {
  const dist = dirname(fileURLToPath(import.meta.resolve("chart.js")));
  return {
    code: readFileSync(join(dist, "chart.umd.min.js"), "utf8"),
    license: readFileSync(join(dist, "..", "LICENSE.md"), "utf8"),
  };
}

/** Code placed inside <script> must not close it early. */
function scriptSafe(text: string): string {
  if (text.includes("<!--")) throw new Error("script text holds <!--, which would change how HTML parses it");
  return text.replace(/<\/(script)/gi, "<\\/$1");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
