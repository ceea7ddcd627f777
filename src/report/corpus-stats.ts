import { existsSync } from "node:fs";
import { readLines } from "../readers/index.ts";
import { increment, reasonKind, sortedCounts } from "../util/index.ts";
import { type Histogram, LengthHistogram } from "./length-histogram.ts";
import { type SampledInstruction, SampleShelf } from "./sample-shelf.ts";

/** What the report shows, computed in one streaming pass over the instructions. */
export interface CorpusStats {
  instructions: number;
  by_task: Record<string, number>;
  by_kind: Record<string, number>;
  /** Compound instructions carrying each strategy (they overlap). */
  by_strategy: Record<string, number>;
  by_lang: Record<string, number>;
  by_source: Record<string, number>;
  /** Paper Table 16: instructions per source and task. */
  source_task: Record<string, Record<string, number>>;
  lengths: Record<string, Histogram>;
  /** Label occurrences in the answers, per source (label names as the instructions show them). */
  labels: Record<string, Record<string, number>>;
  rejected_by_reason: Record<string, number>;
  /** A few instructions per task and strategy (`basic`, `guidelines`, `guidelines+format` …). */
  samples: Record<string, Record<string, SampledInstruction[]>>;
  /** Lines that were not instructions (bad JSON, missing fields): counted, never shown as data. */
  unreadable: number;
}

export interface StatsOptions {
  /** Counts tokens of a text; with it the report shows token histograms beside the character ones. */
  countTokens?: (text: string) => number;
  /** Instructions kept per task and strategy for browsing. */
  samplesPerGroup?: number;
  /** The rejects file of the run (`<out>.rejects.jsonl`), read for reasons when no summary gives them. */
  rejectsPath?: string;
}

interface Line {
  task: string;
  source: string;
  lang: string;
  kind: string;
  strategies: string[];
  instruction: string;
  output: string;
  label: unknown;
  id: string;
}

export async function corpusStats(path: string, options: StatsOptions = {}): Promise<CorpusStats> {
  const stats = emptyStats();
  const histograms = new Map<string, LengthHistogram>();
  const measure = (name: string, value: number) => {
    let histogram = histograms.get(name);
    if (!histogram) histograms.set(name, (histogram = new LengthHistogram()));
    histogram.add(value);
  };
  const shelf = new SampleShelf(options.samplesPerGroup ?? 4);
  for await (const { text } of readLines(path)) {
    if (text.trim() === "") continue;
    const line = parseLine(text);
    if (!line) {
      stats.unreadable++;
      continue;
    }
    count(stats, line);
    measure("instruction characters", [...line.instruction].length);
    measure("output characters", [...line.output].length);
    if (options.countTokens) {
      measure("instruction tokens", options.countTokens(line.instruction));
      measure("output tokens", options.countTokens(line.output));
    }
    shelf.offer(line.task, strategyKey(line), line);
  }
  stats.lengths = Object.fromEntries([...histograms].map(([name, h]) => [name, h.result()]));
  stats.samples = shelf.result();
  if (options.rejectsPath && existsSync(options.rejectsPath))
    stats.rejected_by_reason = await rejectReasons(options.rejectsPath);
  return sortAll(stats);
}

function emptyStats(): CorpusStats {
  return {
    instructions: 0,
    by_task: {},
    by_kind: {},
    by_strategy: {},
    by_lang: {},
    by_source: {},
    source_task: {},
    lengths: {},
    labels: {},
    rejected_by_reason: {},
    samples: {},
    unreadable: 0,
  };
}

function parseLine(text: string): Line | undefined {
  try {
    const value = JSON.parse(text) as Partial<Line>;
    const strings = ["task", "source", "kind", "instruction", "output"] as const;
    if (!strings.every((key) => typeof value[key] === "string")) return undefined;
    return {
      ...(value as Line),
      lang: typeof value.lang === "string" ? value.lang : "?",
      strategies: Array.isArray(value.strategies) ? value.strategies.map(String) : [],
      id: typeof value.id === "string" ? value.id : "",
    };
  } catch {
    return undefined;
  }
}

function count(stats: CorpusStats, line: Line): void {
  stats.instructions++;
  increment(stats.by_task, line.task);
  increment(stats.by_kind, line.kind);
  increment(stats.by_lang, line.lang);
  increment(stats.by_source, line.source);
  for (const strategy of line.strategies) increment(stats.by_strategy, strategy);
  increment((stats.source_task[line.source] ??= {}), line.task);
  const labels = (stats.labels[line.source] ??= {});
  for (const [label, n] of labelOccurrences(line.task, line.label)) increment(labels, label, n);
}

/** `basic`, or the compound strategies joined in their canonical order. */
export function strategyKey(line: { kind: string; strategies: readonly string[] }): string {
  return line.kind === "basic" || line.strategies.length === 0 ? "basic" : line.strategies.join("+");
}

/**
 * How often each label occurs in an answer: IE answers are keyed by label with a list (or a map, KGE)
 * of values; a class answer (TC) counts its class. Tasks without label names (MRC, OpenIE, IG) count
 * nothing.
 */
export function labelOccurrences(task: string, label: unknown): [string, number][] {
  if (label === null || typeof label !== "object" || Array.isArray(label)) return [];
  if (task === "MRC" || task === "IG" || task === "OpenIE") return [];
  const entries = Object.entries(label as Record<string, unknown>);
  if (task === "TC") return entries.filter(([, v]) => typeof v === "string").map(([, v]) => [v as string, 1]);
  const found: [string, number][] = [];
  for (const [name, value] of entries) {
    const n = Array.isArray(value)
      ? value.length
      : value !== null && typeof value === "object"
        ? Object.keys(value).length
        : 0;
    if (n > 0) found.push([name, n]);
  }
  return found;
}

async function rejectReasons(path: string): Promise<Record<string, number>> {
  const reasons: Record<string, number> = {};
  for await (const { text } of readLines(path)) {
    if (text.trim() === "") continue;
    try {
      const reason = (JSON.parse(text) as { reason?: unknown }).reason;
      increment(reasons, typeof reason === "string" ? reasonKind(reason) : "unknown");
    } catch {
      increment(reasons, "unreadable reject line");
    }
  }
  return reasons;
}

function sortAll(stats: CorpusStats): CorpusStats {
  const nested = (record: Record<string, Record<string, number>>) =>
    Object.fromEntries(Object.keys(sortedCounts(record as never)).map((k) => [k, sortedCounts(record[k])]));
  return {
    ...stats,
    by_task: sortedCounts(stats.by_task),
    by_kind: sortedCounts(stats.by_kind),
    by_strategy: sortedCounts(stats.by_strategy),
    by_lang: sortedCounts(stats.by_lang),
    by_source: sortedCounts(stats.by_source),
    source_task: nested(stats.source_task),
    labels: nested(stats.labels),
    rejected_by_reason: sortedCounts(stats.rejected_by_reason),
  };
}
