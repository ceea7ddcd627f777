import type { RelationPair, RuleCandidate } from "./rule-candidate.ts";
import type { RuleAnswer } from "./rule-prompt.ts";
import type { ModificationStrategy } from "./strategies.ts";

export type RejectionReason =
  | "empty_rule"
  | "empty_label"
  | "label_not_in_text"
  | "unchanged"
  | "not_reversed";

export type Verdict =
  | { ok: true; newLabels: string[] | RelationPair[] }
  | { ok: false; reason: RejectionReason; message: string };

/**
 * Whether a model's rule can be used (spec §5): the rule is not empty, every new label occurs in the
 * text, and the new labels differ from the original ones (as sets: a reordering changes nothing).
 * A reverse rule must swap pairs the record has: anything else is not the same relation read backwards.
 */
export function judgeRule(
  candidate: RuleCandidate,
  strategy: ModificationStrategy,
  answer: RuleAnswer,
): Verdict {
  if (answer.new_rule.trim() === "") return reject("empty_rule", "the model gave no new rule");
  const labels = answer.new_labels.map((value) => trimLabel(value));
  const strings = labels.flatMap((value) =>
    typeof value === "string" ? [value] : [value.subject, value.object],
  );
  if (strings.some((value) => value === "")) return reject("empty_label", "a new label is empty");
  const missing = strings.find((value) => !candidate.text.includes(value));
  if (missing !== undefined)
    return reject("label_not_in_text", `${JSON.stringify(missing)} does not occur in the text`);
  const unique = uniqueLabels(labels);
  const original = candidate.pairs ?? candidate.spans;
  if (sameSet(unique, original)) return reject("unchanged", "the new labels equal the original labels");
  if (strategy.name === "reverse") {
    const swapped = new Set(
      (candidate.pairs ?? []).map((p) => labelKey({ subject: p.object, object: p.subject })),
    );
    const stray = unique.find((value) => !swapped.has(labelKey(value)));
    if (stray !== undefined)
      return reject("not_reversed", `${JSON.stringify(stray)} is not an original pair swapped`);
  }
  return { ok: true, newLabels: unique as string[] | RelationPair[] };
}

function reject(reason: RejectionReason, message: string): Verdict {
  return { ok: false, reason, message };
}

function trimLabel(value: unknown): string | RelationPair {
  if (typeof value === "string") return value.trim();
  const pair = value as RelationPair;
  return { subject: pair.subject.trim(), object: pair.object.trim() };
}

function labelKey(value: string | RelationPair): string {
  return typeof value === "string" ? value : `${value.subject}\u0000${value.object}`;
}

function uniqueLabels(values: readonly (string | RelationPair)[]): (string | RelationPair)[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = labelKey(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sameSet(a: readonly (string | RelationPair)[], b: readonly (string | RelationPair)[]): boolean {
  const left = new Set(a.map(labelKey));
  const right = new Set(b.map(labelKey));
  return left.size === right.size && [...left].every((key) => right.has(key));
}
