import { isDeepStrictEqual } from "node:util";
import { MISSING } from "../tasks/index.ts";
import type { PlannedInstruction } from "./basic.ts";
import type { PreferenceRule } from "./mechanical-rules.ts";
import { type RuleBook, ruleKey } from "./rule-file.ts";

/**
 * The LLM-authored rules (from `--rules`) that apply to a planned instruction: same source, record and
 * task, a label the chunk asks. A rule is offered only when its new labels read as the task's answer,
 * every span in them occurs in the text, and they differ from the annotation.
 */
export function llmRules(plan: PlannedInstruction, book: RuleBook | undefined): PreferenceRule[] {
  const { task, record, chunk } = plan;
  if (!book || task.style !== "json") return [];
  const text = task.input(record);
  const rules: PreferenceRule[] = [];
  for (const rule of book.get(ruleKey(record.source, plan.recordId, task.name)) ?? []) {
    if (!chunk.labels.includes(rule.label)) continue;
    let value: unknown;
    try {
      const one = { labels: [rule.label], roles: chunk.roles };
      value = (task.parseDefault({ [rule.label]: rule.new_labels }, one) as Record<string, unknown>)[
        rule.label
      ];
    } catch {
      continue;
    }
    const current = (plan.answer as Record<string, unknown>)[rule.label];
    if (isDeepStrictEqual(value, current) || !spansOccur(value, text)) continue;
    rules.push({
      strategy: rule.strategy,
      label: rule.label,
      sentence: rule.new_rule,
      answer: { ...(plan.answer as Record<string, unknown>), [rule.label]: value },
      chunk,
      description: rule.description || undefined,
    });
  }
  return rules;
}

/** Every string value (not key) of an answer occurs in the text; NAN marks a missing argument. */
function spansOccur(value: unknown, text: string): boolean {
  if (typeof value === "string") return value === MISSING || text.includes(value);
  if (Array.isArray(value)) return value.every((v) => spansOccur(v, text));
  if (typeof value === "object" && value !== null)
    return Object.values(value).every((v) => spansOccur(v, text));
  return true;
}
