import type { SourceEntry } from "../dictionary/index.ts";
import { defaultFormat, type OutputFormat, variantFormats } from "../formats/index.ts";
import type { TaskName } from "../tasks/index.ts";
import { SeededRandom } from "../util/seeded-random.ts";
import { type PlannedInstruction, renderBasic } from "./basic.ts";
import { renderCompound } from "./compound-instruction.ts";
import type { CompoundOptions } from "./compound-options.ts";
import {
  type Guidance,
  guidelinesAvailable,
  isEmptyGuidance,
  planGuidance,
  usableText,
} from "./guidelines.ts";
import type { InstructionRecord, Strategy } from "./instruction-record.ts";
import { llmRules } from "./llm-rules.ts";
import { mechanicalRules, type PreferenceRule } from "./mechanical-rules.ts";
import { type MixDraws, Mixer, type MixReport, STRATEGIES } from "./mixing.ts";
import { Quota } from "./quota.ts";

/** Compound synthesis as the pipeline's `expand` hook, with the mix it achieved. */
export interface CompoundSynthesis {
  expand(plans: PlannedInstruction[]): InstructionRecord[];
  report(): MixReport;
}

/**
 * Turns each record's planned instructions into basic and compound ones (spec §5): task balancing
 * first (when keep rates are given), then the mixer's decision, then guidelines, a preference rule and a
 * format variant as decided. Every random choice is seeded by the instruction's keys.
 */
export function createCompoundSynthesis(
  options: CompoundOptions,
  keepRates?: Partial<Record<TaskName, number>>,
): CompoundSynthesis {
  const mixer = new Mixer(options.ratio, options.strategyShares, options.taskShares, keepRates !== undefined);
  const balance = new Map<string, Quota>();
  const quotaFor = (task: TaskName) => {
    let quota = balance.get(task);
    if (!quota) balance.set(task, (quota = new Quota(keepRates?.[task] ?? 1, Number.POSITIVE_INFINITY)));
    return quota;
  };

  const expandOne = (plan: PlannedInstruction): InstructionRecord => {
    const { seed } = options;
    const keys = [seed, plan.record.source, plan.recordId, plan.task.name, plan.index] as const;
    const source = options.dictionary?.sources[plan.record.source];
    const rules = candidateRules(plan, source, options, new SeededRandom(...keys, "rules"));
    const formats = variantFormats(plan.task, plan.chunk);
    const available = {
      guidelines: guidelinesAvailable(plan, source, options.guidelines),
      rules: rules.length > 0,
      format: formats.length > 0,
    };
    const strategies = mixer.decide(draws(new SeededRandom(...keys, "mix")), available);
    mixer.written(plan.task.name);
    if (strategies.length === 0) return renderBasic(plan, seed);

    const random = new SeededRandom(...keys, "compound");
    const rule = strategies.includes("rules") ? pickRule(rules, random) : undefined;
    let guidance: Guidance | undefined;
    if (strategies.includes("guidelines")) {
      guidance = planGuidance(plan, (rule?.chunk ?? plan.chunk).labels, source!, options.guidelines, random);
      if (isEmptyGuidance(guidance)) {
        guidance = undefined;
        mixer.withdrawn("guidelines");
        strategies.splice(strategies.indexOf("guidelines"), 1);
      }
    }
    if (strategies.length === 0) {
      mixer.demoted();
      return renderBasic(plan, seed);
    }
    const format: OutputFormat = strategies.includes("format") ? random.pick(formats) : defaultFormat;
    if (rule) mixer.ruleApplied(rule.strategy);
    mixer.formatUsed(format.name);
    return renderCompound(plan, { guidance, rule, format, strategies }, seed);
  };

  return {
    expand(plans) {
      const written: InstructionRecord[] = [];
      for (const group of byTask(plans)) {
        const first = group[0];
        const keep = quotaFor(first.task.name).decide(
          new SeededRandom(
            options.seed,
            first.record.source,
            first.recordId,
            first.task.name,
            "balance",
          ).float(),
          true,
          group.length,
        );
        if (!keep) {
          mixer.dropped(first.task.name, group.length);
          continue;
        }
        for (const plan of group) written.push(expandOne(plan));
      }
      return written;
    },
    report: () => mixer.report(),
  };
}

function draws(random: SeededRandom): MixDraws {
  const compound = random.float();
  const strategies = {} as Record<Strategy, number>;
  for (const strategy of STRATEGIES) strategies[strategy] = random.float();
  return { compound, strategies };
}

/** LLM-authored rules for this record win over mechanical ones: they are what was paid for. */
function candidateRules(
  plan: PlannedInstruction,
  source: SourceEntry | undefined,
  options: CompoundOptions,
  random: SeededRandom,
): PreferenceRule[] {
  const authored = llmRules(plan, options.rules);
  if (authored.length > 0) return authored;
  // Inverse names are LLM-written text too: reviewed-only and rejections apply to them.
  const inverse = (label: string) => usableText(source?.labels[label], options.guidelines)?.inverse;
  return mechanicalRules(plan, inverse, random);
}

function pickRule(rules: PreferenceRule[], random: SeededRandom): PreferenceRule {
  return random.pick(rules);
}

/** A record's plans grouped by task, in order (planInstructions writes each task's chunks together). */
function byTask(plans: PlannedInstruction[]): PlannedInstruction[][] {
  const groups: PlannedInstruction[][] = [];
  for (const plan of plans) {
    const last = groups.at(-1);
    if (last && last[0].task === plan.task) last.push(plan);
    else groups.push([plan]);
  }
  return groups;
}
