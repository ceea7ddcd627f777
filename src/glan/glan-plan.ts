// `--plan`: what a run would ask, per phase, before spending anything. A phase whose input exists is
// counted exactly from its jobs (and the cache says which are already answered); the phases after it in
// `glan all` are projected from the counts the prompts ask for, assuming the model returns them all
// (the real numbers can only be lower: fewer items returned, duplicates dropped).
import { estimatePromptTokens, type RequestPlan } from "../llm/index.ts";
import { type GlanSettings, questionsFor } from "./glan-settings.ts";
import type { GlanPhase } from "./prompt-templates.ts";

export interface PhaseEstimate {
  phase: GlanPhase;
  requests: number;
  /** Requests the cache already answers (0 for projections). */
  cached: number;
  /** Estimated prompt tokens of the uncached requests (characters / 4). */
  promptTokens: number;
  /** Upper bound on completion tokens of the uncached requests: max_tokens each. */
  completionTokens: number;
  /** True when counted from what earlier phases should return rather than from real input. */
  projected: boolean;
  /** Items the phase is expected to write (the next phase's input). */
  items: number;
}

/** The exact estimate of a phase from its planned requests. */
export function estimateFromPlan(phase: GlanPhase, plan: RequestPlan<unknown>, items: number): PhaseEstimate {
  const pending = plan.items.filter((item) => !item.cached);
  return {
    phase,
    requests: plan.items.length,
    cached: plan.items.length - pending.length,
    promptTokens: pending.reduce((sum, item) => sum + estimatePromptTokens(item.body), 0),
    completionTokens: pending.reduce((sum, item) => sum + (item.body.max_tokens ?? 0), 0),
    projected: false,
    items,
  };
}

/** Items a prepared phase should yield if every answer comes back complete. */
export function expectedItems(phase: GlanPhase, requests: number, settings: GlanSettings): number {
  switch (phase) {
    case "taxonomy":
      return requests * settings.subFields * settings.disciplines;
    case "subjects":
      return requests * settings.subjects;
    default:
      return requests;
  }
}

/** The phases after `from`, projected from `inputItems` items of its output. */
export function projectPhases(after: GlanPhase, inputItems: number, settings: GlanSettings): PhaseEstimate[] {
  const order: GlanPhase[] = ["taxonomy", "subjects", "syllabus", "questions", "answers"];
  const estimates: PhaseEstimate[] = [];
  let items = inputItems;
  for (const phase of order.slice(order.indexOf(after) + 1)) {
    const requests = phase === "questions" ? questionsPerSyllabi(items, settings) : items;
    const template = settings.prompts[phase];
    const promptCharacters =
      (template.system?.length ?? 0) + template.user.length + VARIABLE_CHARACTERS[phase];
    const produced = expectedItems(phase, requests, settings);
    estimates.push({
      phase,
      requests,
      cached: 0,
      promptTokens: requests * Math.ceil(promptCharacters / 4),
      completionTokens: requests * (template.params.max_tokens ?? 0),
      projected: true,
      items: produced,
    });
    // What an LLM just wrote is unreviewed: with --reviewed-only the next phase has nothing to use yet.
    items = settings.reviewedOnly ? 0 : produced;
  }
  return estimates;
}

// Syllabi spread evenly over the levels (the real spread is known only once subjects exist).
function questionsPerSyllabi(syllabi: number, settings: GlanSettings): number {
  const levels = settings.levels;
  let total = 0;
  levels.forEach((level, index) => {
    const share = Math.floor(syllabi / levels.length) + (index < syllabi % levels.length ? 1 : 0);
    total += share * questionsFor(settings, level);
  });
  return total;
}

// What filled-in variables add to a prompt, roughly: names and descriptions; for answers the question.
const VARIABLE_CHARACTERS: Record<GlanPhase, number> = {
  taxonomy: 40,
  subjects: 200,
  syllabus: 250,
  questions: 300,
  answers: 400,
};

export function formatEstimates(estimates: readonly PhaseEstimate[]): string {
  const lines = estimates.map((estimate) => {
    const how = estimate.projected ? "projected" : `${estimate.cached} cached`;
    return (
      `  ${estimate.phase.padEnd(9)} ${String(estimate.requests).padStart(7)} requests (${how}), ` +
      `~${estimate.promptTokens} prompt tokens, ≤${estimate.completionTokens} completion tokens → ${estimate.items} items`
    );
  });
  const total = estimates.reduce((sum, estimate) => sum + estimate.requests - estimate.cached, 0);
  return [`plan (no request made): ${total} requests to pay for`, ...lines].join("\n");
}
