/**
 * `hum rules`: LLM preference-rule annotation (paper Figure 3). For a seeded sample of record labels
 * per source and strategy, the model describes the schema, states the rule the annotation follows,
 * adjusts it by the strategy and annotates the text under the new rule. Accepted rules are written in
 * the rule-file schema `hum synth --rules` reads (rule-file.ts); every rejection is kept with
 * its reason and the raw answer.
 */
import type { SchemaDictionary } from "../dictionary/index.ts";
import { GENERATION, type LlmJob, type LlmRequest, type LlmResult } from "../llm/index.ts";
import { judgeRule } from "./rule-acceptance.ts";
import type { RuleCandidate, SampledCandidate } from "./rule-candidate.ts";
import type { RuleRecord } from "./rule-file.ts";
import { type RuleAnswer, ruleAnswerSchema, ruleMessages, rulePromptVersion } from "./rule-prompt.ts";
import type { ModificationStrategy } from "./strategies.ts";

export interface RuleJob {
  strategy: ModificationStrategy;
  candidate: RuleCandidate;
  /** The label's dictionary description shown to the model ("" when the dictionary has none). */
  description: string;
  request: LlmRequest<RuleAnswer>;
}

export function ruleJobs(sampled: readonly SampledCandidate[], dictionary: SchemaDictionary): RuleJob[] {
  const promptVersion = rulePromptVersion();
  return sampled.map(({ strategy, candidate }) => {
    const description = dictionary.sources[candidate.source]?.labels[candidate.label]?.descriptions[0] ?? "";
    return {
      strategy,
      candidate,
      description,
      request: {
        messages: ruleMessages(candidate, strategy, description),
        params: GENERATION.rules,
        schema: ruleAnswerSchema(candidate),
        schemaName: "preference_rule",
        promptVersion,
        id: `${candidate.source}/${candidate.recordId}/${candidate.label}/${strategy.name}`,
      },
    };
  });
}

/** A line of `<out>.rejects.jsonl`. */
export interface RuleRejection {
  source: string;
  record_id: string;
  task: string;
  label: string;
  strategy: string;
  /** An acceptance check (empty_rule, label_not_in_text, unchanged …) or an LLM failure (invalid_json …). */
  reason: string;
  message: string;
  raw_answer: string | null;
}

export interface RuleOutcome {
  accepted: RuleRecord[];
  rejected: RuleRejection[];
}

/** Judges every answer, in job order. */
export function judgeAnswers(
  jobs: readonly RuleJob[],
  results: readonly LlmResult<RuleAnswer>[],
): RuleOutcome {
  const outcome: RuleOutcome = { accepted: [], rejected: [] };
  jobs.forEach((job, index) => {
    const result = results[index];
    const where = {
      source: job.candidate.source,
      record_id: job.candidate.recordId,
      task: job.candidate.task,
      label: job.candidate.label,
      strategy: job.strategy.name,
    };
    if (!result.ok) {
      outcome.rejected.push({
        ...where,
        reason: result.reason,
        message: result.message,
        raw_answer: result.rawText,
      });
      return;
    }
    const verdict = judgeRule(job.candidate, job.strategy, result.value);
    if (!verdict.ok) {
      outcome.rejected.push({
        ...where,
        reason: verdict.reason,
        message: verdict.message,
        raw_answer: result.rawText,
      });
      return;
    }
    outcome.accepted.push({
      ...where,
      description: result.value.schema_description.trim() || job.description,
      original_rule: result.value.original_rule.trim(),
      new_rule: result.value.new_rule.trim(),
      new_labels: verdict.newLabels,
    });
  });
  return outcome;
}

/** The rule requests of a sample as one LLM job: its answers judged into accepted rules and rejections. */
export function ruleAnnotationJob(
  sampled: readonly SampledCandidate[],
  dictionary: SchemaDictionary,
): LlmJob<RuleAnswer, RuleOutcome> {
  const jobs = ruleJobs(sampled, dictionary);
  return {
    requests: () => jobs.map((job) => job.request),
    judge: (results) => judgeAnswers(jobs, results),
  };
}

/** Rejections per reason, most frequent first (ties by name). */
export function countReasons(rejected: readonly RuleRejection[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of rejected) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
