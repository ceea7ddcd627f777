import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { DEFAULT_TOKEN_BUDGET, estimateTokens } from "../tokenizer/index.ts";
import type { LintOptions } from "./index.ts";
import { lintInstruction } from "./index.ts";

/** Per-rule counts of a lint run, with the first few problems of each rule as examples. */
export interface LintReport {
  instructions: number;
  failed: number;
  by_kind: Record<string, { instructions: number; failed: number }>;
  rules: Record<string, { failed: number; examples: Array<{ line: number; id?: string; problem: string }> }>;
  /** The length budget checked, and the tokenizer that counted it (set by `lintJsonl`). */
  length_budget?: { tokens: number; tokenizer: string };
}

const EXAMPLES_PER_RULE = 3;

/** Collects lint results instruction by instruction. */
export class LintTally {
  readonly report: LintReport = { instructions: 0, failed: 0, by_kind: {}, rules: {} };

  add(value: unknown, line: number, options: LintOptions): void {
    const problems = lintInstruction(value, options);
    const record = value as { id?: unknown; kind?: unknown; variant?: unknown };
    const kind = String(record?.kind ?? (record?.variant ? `eval-${record.variant}` : "unknown"));
    const byKind = (this.report.by_kind[kind] ??= { instructions: 0, failed: 0 });
    this.report.instructions++;
    byKind.instructions++;
    const ids = Object.keys(problems);
    if (ids.length === 0) return;
    this.report.failed++;
    byKind.failed++;
    for (const id of ids) {
      const rule = (this.report.rules[id] ??= { failed: 0, examples: [] });
      rule.failed++;
      if (rule.examples.length < EXAMPLES_PER_RULE)
        rule.examples.push({
          line,
          ...(typeof record?.id === "string" ? { id: record.id } : {}),
          problem: problems[id][0],
        });
    }
  }
}

/** Lint every line of a JSONL file of instruction (or eval) records; unreadable lines fail as `record`. */
export async function lintJsonl(path: string, options: LintOptions = {}): Promise<LintReport> {
  const tally = new LintTally();
  const lines = createInterface({
    input: createReadStream(path, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      value = { unreadable: (error as Error).message };
    }
    tally.add(value, line, options);
  }
  tally.report.length_budget = {
    tokens: options.budget ?? DEFAULT_TOKEN_BUDGET,
    tokenizer: (options.countTokens ?? estimateTokens).tokenizer,
  };
  return tally.report;
}

export function formatLintReport(path: string, report: LintReport): string {
  const budget = report.length_budget;
  const lines = [
    `${path}: ${report.instructions} instructions, ${report.failed} fail the lint` +
      (budget ? ` (length budget ${budget.tokens} tokens by ${budget.tokenizer})` : ""),
  ];
  for (const [kind, counts] of Object.entries(report.by_kind))
    lines.push(`  ${kind}: ${counts.failed} of ${counts.instructions} fail`);
  for (const [id, rule] of Object.entries(report.rules)) {
    lines.push(`  ${id}: ${rule.failed}`);
    for (const example of rule.examples)
      lines.push(`    line ${example.line}${example.id ? ` (${example.id})` : ""}: ${example.problem}`);
  }
  return lines.join("\n");
}
