import { isDeepStrictEqual } from "node:util";
import { type RuleBook, type RuleRecord, ruleKey } from "../rules/index.ts";
import { MISSING } from "../tasks/index.ts";
import type { PlannedInstruction } from "./basic.ts";
import type { PreferenceRule } from "./mechanical-rules.ts";

/**
 * The LLM-authored rules (from `--rules`) that apply to a planned instruction: same source, record and
 * task, a label the chunk asks. A rule is offered only when its new labels read as the task's answer,
 * every span in them occurs in the text, and they differ from the annotation. Rules written for one task
 * serve its sibling of the same record: RE rules (subject-object pairs) apply to SPO as they are, and EET
 * rules (triggers) to EE, keeping the events whose triggers the rule keeps.
 */
export function llmRules(plan: PlannedInstruction, book: RuleBook | undefined): PreferenceRule[] {
  const { task, record } = plan;
  if (!book || task.style !== "json") return [];
  const own = book.get(ruleKey(record.source, plan.recordId, task.name)) ?? [];
  const sibling = SIBLING[task.name];
  const borrowed = sibling ? (book.get(ruleKey(record.source, plan.recordId, sibling)) ?? []) : [];
  return [
    ...own.flatMap((rule) => ruleFor(plan, rule, rule.new_labels)),
    ...borrowed.flatMap((rule) =>
      ruleFor(plan, rule, task.name === "EE" ? eventsKept(plan, rule) : rule.new_labels),
    ),
  ];
}

const SIBLING: Partial<Record<string, string>> = { SPO: "RE", EE: "EET" };

/** The label's events whose triggers an EET rule keeps; undefined when it names a trigger not there. */
function eventsKept(plan: PlannedInstruction, rule: RuleRecord): unknown {
  const events = ((plan.answer as Record<string, Array<{ trigger: string }>>)[rule.label] ?? []).slice();
  const triggers = rule.new_labels;
  if (!Array.isArray(triggers) || !triggers.every((t) => events.some((e) => e.trigger === t)))
    return undefined;
  return events.filter((e) => triggers.includes(e.trigger));
}

function ruleFor(plan: PlannedInstruction, rule: RuleRecord, newLabels: unknown): PreferenceRule[] {
  const { task, record, chunk } = plan;
  if (!chunk.labels.includes(rule.label) || newLabels === undefined) return [];
  let value: unknown;
  try {
    const one = { labels: [rule.label], roles: chunk.roles };
    // A copy: the answer parsed may be the value given, and the rule book's labels must stay as read.
    const given = { [rule.label]: structuredClone(newLabels) };
    value = (task.parseDefault(given, one) as Record<string, unknown>)[rule.label];
  } catch {
    return [];
  }
  const current = (plan.answer as Record<string, unknown>)[rule.label];
  if (isDeepStrictEqual(value, current) || !spansOccur(value, task.input(record))) return [];
  return [
    {
      strategy: rule.strategy,
      label: rule.label,
      sentence: rule.new_rule,
      answer: { ...(plan.answer as Record<string, unknown>), [rule.label]: value },
      chunk,
      description: rule.description || undefined,
    },
  ];
}

/** Every string value (not key) of an answer occurs in the text; NAN marks a missing argument. */
function spansOccur(value: unknown, text: string): boolean {
  if (typeof value === "string") return value === MISSING || text.includes(value);
  if (Array.isArray(value)) return value.every((v) => spansOccur(v, text));
  if (typeof value === "object" && value !== null)
    return Object.values(value).every((v) => spansOccur(v, text));
  return true;
}
