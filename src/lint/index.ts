import { taskByName } from "../tasks/index.ts";
import { DEFAULT_TOKEN_BUDGET, estimateTokens, type TokenCounter } from "../tokenizer/index.ts";
import { formatOf } from "./detect-format.ts";
import { chunkOf, instructionParts } from "./instruction-parts.ts";
import { LINT_RULES, type LintRule } from "./lint-rules.ts";
import { type LintSubject, lintSubject } from "./lint-subject.ts";

export { formatLintReport, type LintReport, LintTally, lintJsonl } from "./lint-report.ts";
export { LINT_RULES, type LintRule, type LintSubject, lintSubject };

export interface LintOptions {
  /** Counts the tokens of the length budget (default: the chars/4 estimate; see `loadTokenCounter`). */
  countTokens?: TokenCounter;
  /** Token budget of a compound instruction (default 1,500, the paper's input length). */
  budget?: number;
}

/** The problems of one instruction by rule id; an empty object means it passes every rule. */
export function lintInstruction(value: unknown, options: LintOptions = {}): Record<string, string[]> {
  const subject = lintSubject(value);
  if (typeof subject === "string") return { record: [subject] };
  let task: ReturnType<typeof taskByName>;
  try {
    task = taskByName(subject.task);
  } catch {
    return { record: [`unknown task ${subject.task}`] };
  }
  if (task.name === "IG") return {};
  let parts: ReturnType<typeof instructionParts>;
  try {
    parts = instructionParts(task, subject.instruction);
  } catch (error) {
    return { record: [`instruction cannot be read: ${(error as Error).message}`] };
  }
  const format = formatOf(task, parts, subject.lang, subject.format);
  const plainOutput = !subject.output.trimStart().startsWith("{");
  const chunk = subject.chunk ?? chunkOf(task, parts, subject.label, plainOutput, subject.lang);
  const context = {
    subject,
    task,
    parts,
    format,
    chunk,
    countTokens: options.countTokens ?? estimateTokens,
    budget: options.budget ?? DEFAULT_TOKEN_BUDGET,
  };
  const problems: Record<string, string[]> = {};
  for (const rule of LINT_RULES) {
    const found = rule.check(context);
    if (found.length > 0) problems[rule.id] = found;
  }
  return problems;
}
