import { basename } from "node:path";
import { RuleRecord } from "../rules/index.ts";
import type { ReviewStamp } from "../util/index.ts";
import { type CorpusContext, originalAnnotation, recordKey } from "./corpus-context.ts";
import { spanStrings } from "./highlights.ts";
import { JsonlLines } from "./jsonl-lines.ts";
import { EditError, plainObject, type ReviewDocument } from "./review-document.ts";
import type { ReviewItem, RuleContent } from "./review-item.ts";

/**
 * A preference-rule file (`hum rules` output): one item per line, shown as the original rule and
 * labels beside the new ones. Accepting or editing sets `reviewed: true`; `synth --reviewed-only` keeps
 * only those, and a rejected rule is never used.
 */
export class RuleDocument implements ReviewDocument {
  readonly path: string;
  readonly #lines: JsonlLines;
  readonly #context: CorpusContext;
  readonly #prefix: string;

  constructor(path: string, prefix: string, context: CorpusContext) {
    this.path = path;
    this.#prefix = prefix;
    this.#context = context;
    this.#lines = new JsonlLines(path);
    for (const [index, object] of this.#lines.entries()) {
      const parsed = RuleRecord.safeParse(object);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${path}:${index + 1}: ${issue.path.join(".") || "(record)"}: ${issue.message}`);
      }
    }
  }

  items(): ReviewItem[] {
    return this.#lines.entries().map(([index]) => this.#item(index));
  }

  decide(key: string, stamp: ReviewStamp, edits: unknown): ReviewItem {
    const index = Number(key);
    const object = this.#lines.get(index);
    if (!object) throw new EditError(`no rule on line ${index + 1}`);
    const next: Record<string, unknown> = { ...object };
    if (stamp.decision === "edited") this.#applyEdits(next, edits);
    next.reviewed = stamp.decision !== "rejected";
    next.review = stamp;
    this.#lines.set(index, next);
    return this.#item(index);
  }

  text(): string {
    return this.#lines.text();
  }

  #applyEdits(rule: Record<string, unknown>, edits: unknown): void {
    const fields = plainObject(edits, "edits");
    if ("new_rule" in fields) {
      if (typeof fields.new_rule !== "string" || fields.new_rule.trim() === "")
        throw new EditError("the new rule must be a sentence");
      rule.new_rule = fields.new_rule.trim();
    }
    if ("new_labels" in fields) rule.new_labels = fields.new_labels;
    const record = this.#context.record(String(rule.source), String(rule.record_id));
    const text = record && "text" in record ? record.text : undefined;
    // Every new label must still occur in the text (spec §5), whoever wrote it.
    const missing = text === undefined ? [] : spanStrings(rule.new_labels).filter((s) => !text.includes(s));
    if (missing.length > 0)
      throw new EditError(`not in the text: ${missing.map((s) => `"${s}"`).join(", ")}`);
  }

  #item(index: number): ReviewItem {
    const rule = RuleRecord.parse(this.#lines.get(index));
    const record = this.#context.record(rule.source, rule.record_id);
    const original = record ? originalAnnotation(record, rule.label) : undefined;
    const content: RuleContent = {
      task: rule.task,
      record_id: rule.record_id,
      description: rule.description,
      original_rule: rule.original_rule,
      new_rule: rule.new_rule,
      original_labels: original ?? null,
      new_labels: rule.new_labels,
    };
    if (record && "text" in record)
      content.text = {
        text: record.text,
        highlights: spanStrings(original),
        alternate: spanStrings(rule.new_labels),
      };
    return {
      id: `${this.#prefix}${index}`,
      kind: "rule",
      file: basename(this.path),
      source: rule.source,
      label: rule.label,
      strategy: rule.strategy,
      title: `${rule.label} · ${rule.strategy}`,
      status: rule.review?.decision ?? (rule.reviewed ? "accepted" : "unreviewed"),
      ...(rule.review ? { review: rule.review } : {}),
      content,
    };
  }
}

/** The (source, record id) keys of a rule file's rules, to fetch their records' texts from the corpus. */
export function ruleRecordKeys(path: string): string[] {
  return new JsonlLines(path).entries().map(([, o]) => recordKey(String(o.source), String(o.record_id)));
}
