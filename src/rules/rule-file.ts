import { z } from "zod";
import { readTextFile } from "../io/index.ts";
import { TASK_NAMES, type TaskName } from "../tasks/index.ts";
import { isAccepted, ReviewStamp } from "../util/index.ts";

/**
 * One LLM-authored preference rule (paper Figure 3), as a line of the `--rules` JSONL file: for one
 * record, task and label, the rule sentence and the labels that follow it. `new_labels` is the value of
 * the label in the task's default output shape (NER: the spans; RE: `[{subject, object}]`; EE: the
 * events with their arguments …).
 */
export const RuleRecord = z.object({
  source: z.string().min(1),
  record_id: z.string().min(1),
  task: z.enum(TASK_NAMES as [TaskName, ...TaskName[]]),
  label: z.string().min(1),
  /** entity boundaries, numerical, granularity, punctuation, nesting, reverse … */
  /** The name of the rule's modification strategy (rules/strategies.ts). */
  strategy: z.string().min(1),
  /** The label's description the rule was written against (goes into the schema entry). */
  description: z.string().default(""),
  original_rule: z.string().default(""),
  new_rule: z.string().min(1),
  new_labels: z.unknown(),
  /** Set by `hum review`: true once a person accepted (or edited) the rule. */
  reviewed: z.boolean().optional(),
  review: ReviewStamp.optional(),
});
export type RuleRecord = z.infer<typeof RuleRecord>;

/** Rules by (source, record id, task); a record may carry several. */
export type RuleBook = ReadonlyMap<string, readonly RuleRecord[]>;

export function ruleKey(source: string, recordId: string, task: string): string {
  return `${source}\u0000${recordId}\u0000${task}`;
}

export interface RuleFileOptions {
  /** Keep only rules a reviewer accepted or edited. */
  reviewedOnly?: boolean;
}

/**
 * Parse a rules file's text; a bad line stops the run with its line number and reason. Rules a
 * reviewer rejected are always left out; with `reviewedOnly`, so are those no one has reviewed.
 */
export function parseRuleFile(text: string, where = "rules", options: RuleFileOptions = {}): RuleBook {
  const book = new Map<string, RuleRecord[]>();
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === "") continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where}:${index + 1}: invalid JSON: ${(error as Error).message}`);
    }
    const parsed = RuleRecord.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${where}:${index + 1}: ${issue.path.join(".") || "(record)"}: ${issue.message}`);
    }
    const rule = parsed.data;
    if (rule.review?.decision === "rejected") continue;
    if (options.reviewedOnly && !(rule.reviewed && isAccepted(rule.review?.decision ?? "accepted"))) continue;
    const key = ruleKey(rule.source, rule.record_id, rule.task);
    const list = book.get(key) ?? [];
    list.push(rule);
    book.set(key, list);
  }
  return book;
}

export function loadRuleFile(path: string, options: RuleFileOptions = {}): RuleBook {
  return parseRuleFile(readTextFile(path), path, options);
}
