// What `hum glan <phase>` and `hum glan all` do, loaded when they run (glan.ts defines their flags).
import { join } from "node:path";
import {
  type Ask,
  defaultGlanSettings,
  estimateFromPlan,
  expectedItems,
  formatEstimates,
  type GlanPhase,
  type GlanSettings,
  isSelected,
  loadPromptSet,
  type PhaseEstimate,
  type PhaseReport,
  type PreparedPhase,
  prepareAnswers,
  prepareQuestions,
  prepareSubjects,
  prepareSyllabus,
  prepareTaxonomyDraft,
  prepareTaxonomyFromFile,
  projectPhases,
  runPreparedPhase,
  type TaxonomyItem,
} from "../glan/index.ts";
import { createLlmClient, type LlmRequest } from "../llm/index.ts";
import { type AllFlags, FILES, type GlanFlags, type PhaseFlags, type TaxonomyFlags } from "./glan.ts";
import { answerOrExport, clientOptionsFor } from "./llm-client.ts";
import { type LlmMode, RUN_MODE } from "./llm-options.ts";

/** How each phase after the taxonomy prepares its requests from the previous phase's file. */
const PREPARE: Record<
  Exclude<GlanPhase, "taxonomy">,
  (flags: PhaseFlags, settings: GlanSettings) => Promise<PreparedPhase>
> = {
  subjects: (flags, settings) => prepareSubjects(flags.in, flags.out, settings),
  syllabus: (flags, settings) => prepareSyllabus(flags.in, flags.out, settings),
  questions: (flags, settings) => prepareQuestions(flags.in, flags.out, settings),
  answers: (flags, settings) => prepareAnswers(flags.in, settings),
};

export function runTaxonomy(flags: TaxonomyFlags, mode: LlmMode): Promise<void> {
  return runPhaseCommand(flags, mode, "taxonomy", flags.out, () => taxonomyPhase(flags));
}

export function runPhase(
  flags: PhaseFlags,
  mode: LlmMode,
  phase: Exclude<GlanPhase, "taxonomy">,
): Promise<void> {
  return runPhaseCommand(flags, mode, phase, flags.out, () => PREPARE[phase](flags, glanSettings(flags)));
}

function glanSettings(flags: GlanFlags): GlanSettings {
  const overrides: Partial<GlanSettings> = {
    lang: flags.lang,
    seed: flags.seed,
    reviewedOnly: flags.reviewedOnly ?? false,
    only: flags.only ?? [],
    prompts: loadPromptSet(flags.prompts),
  };
  if (flags.levels) overrides.levels = flags.levels;
  if (flags.subFields) overrides.subFields = flags.subFields;
  if (flags.disciplines) overrides.disciplines = flags.disciplines;
  if (flags.subjects) overrides.subjects = flags.subjects;
  if (flags.sessions) overrides.sessions = flags.sessions;
  if (flags.concepts) overrides.concepts = flags.concepts;
  if (flags.questions) overrides.questions = flags.questions;
  if (flags.questionsPerLevel) overrides.questionsPerLevel = flags.questionsPerLevel;
  if (flags.questionTypes) overrides.questionTypes = flags.questionTypes;
  if (flags.nearDuplicate !== undefined) overrides.nearDuplicate = flags.nearDuplicate;
  return defaultGlanSettings(overrides);
}

function taxonomyPhase(flags: TaxonomyFlags): Promise<PreparedPhase> {
  if (flags.from && flags.field.length > 0) throw new Error("give either --from or --field, not both");
  if (flags.from) return prepareTaxonomyFromFile(flags.from, flags.out);
  if (flags.field.length === 0) throw new Error("give --from <taxonomy.yaml> or --field <name> to draft");
  if (!flags.model) throw new Error("drafting a taxonomy needs --model");
  return prepareTaxonomyDraft(flags.field, flags.out, glanSettings(flags));
}

async function runPhaseCommand(
  flags: GlanFlags,
  mode: LlmMode,
  phase: GlanPhase,
  out: string,
  prepare: () => Promise<PreparedPhase>,
): Promise<void> {
  const prepared = await prepare();
  if (flags.plan) {
    console.log(formatEstimates([estimatePrepared(flags, prepared, glanSettings(flags))]));
    return;
  }
  const report = await runPreparedPhase(prepared, askWith(flags, mode, prepared), out);
  if (report) printReport(report);
  else if (phase === "taxonomy" && prepared.jobs.length === 0)
    console.log("taxonomy from a file needs no request");
}

export async function runAll(flags: AllFlags): Promise<void> {
  const settings = glanSettings(flags);
  const path = (phase: GlanPhase) => join(flags.outDir, FILES[phase]);
  if (flags.taxonomy && flags.field.length > 0)
    throw new Error("give either --taxonomy or --field, not both");
  if (!flags.taxonomy && flags.field.length === 0)
    throw new Error("give --taxonomy <taxonomy.yaml> or --field <name> to draft");
  const taxonomy = flags.taxonomy
    ? await prepareTaxonomyFromFile(flags.taxonomy, path("taxonomy"))
    : await prepareTaxonomyDraft(flags.field, path("taxonomy"), settings);
  if (flags.plan) {
    const first = estimatePrepared(flags, taxonomy, settings);
    const next = nextPhaseItems(taxonomy, settings);
    console.log(formatEstimates([first, ...projectPhases("taxonomy", next, settings)]));
    return;
  }
  const steps: [GlanPhase, () => Promise<PreparedPhase>][] = [
    ["taxonomy", async () => taxonomy],
    ["subjects", () => prepareSubjects(path("taxonomy"), path("subjects"), settings)],
    ["syllabus", () => prepareSyllabus(path("subjects"), path("syllabus"), settings)],
    ["questions", () => prepareQuestions(path("syllabus"), path("questions"), settings)],
    ["answers", () => prepareAnswers(path("questions"), settings)],
  ];
  for (const [phase, prepare] of steps) {
    const phaseFlags =
      phase === "answers" && flags.answerModel ? { ...flags, model: flags.answerModel } : flags;
    const prepared = await prepare();
    const report = await runPreparedPhase(prepared, askWith(phaseFlags, RUN_MODE, prepared), path(phase));
    if (report === null) return;
    printReport(report);
    if (report.written === 0) {
      // Nothing to go on with: a failure when requests were made, else every input awaits review.
      if (report.asked > 0) console.log(`${phase}: nothing written, stopping`);
      else console.log(`${phase}: no reviewed input (${report.unreviewed} await review), stopping`);
      return;
    }
  }
}

// A phase without requests (a taxonomy file) opens no client and leaves no summary line.
function askWith(flags: GlanFlags, mode: LlmMode, prepared: PreparedPhase): Ask {
  if (prepared.jobs.length === 0) return async () => (mode.mode === "run" ? [] : null);
  return (requests) => answerOrExport(flags, mode, requests);
}

function estimatePrepared(flags: GlanFlags, prepared: PreparedPhase, settings: GlanSettings): PhaseEstimate {
  const requests = prepared.jobs.map((job) => job.request) as LlmRequest<unknown>[];
  const items =
    prepared.jobs.length === 0
      ? prepared.finish([]).lines.length
      : expectedItems(prepared.phase, requests.length, settings);
  if (requests.length === 0)
    return {
      phase: prepared.phase,
      requests: 0,
      cached: 0,
      promptTokens: 0,
      completionTokens: 0,
      projected: false,
      items,
    };
  const client = createLlmClient(clientOptionsFor(flags, { mode: "plan", batchOut: "" }));
  try {
    return estimateFromPlan(prepared.phase, client.plan(requests), items);
  } finally {
    client.close();
  }
}

// The disciplines the subjects phase will ask about: with --reviewed-only only reviewed ones (a fresh
// draft is never reviewed, but disciplines kept from an earlier draft may be), with --only the selection.
function nextPhaseItems(taxonomy: PreparedPhase, settings: GlanSettings): number {
  if (taxonomy.jobs.length > 0)
    return (
      (settings.reviewedOnly ? 0 : expectedItems("taxonomy", taxonomy.jobs.length, settings)) + taxonomy.kept
    );
  const items = taxonomy.finish([]).lines as TaxonomyItem[];
  return items.filter(
    (item) => (!settings.reviewedOnly || item.reviewed) && isSelected(item.id, settings.only),
  ).length;
}

function printReport(report: PhaseReport): void {
  const extras = [
    report.kept ? `${report.kept} kept from the existing output` : "",
    report.unreviewed ? `${report.unreviewed} unreviewed inputs skipped` : "",
    report.rejectedInReview ? `${report.rejectedInReview} inputs rejected in review skipped` : "",
    report.badInput ? `${report.badInput} bad input lines` : "",
  ].filter((text) => text !== "");
  console.log(
    `${report.phase}: ${report.asked} asked, ${report.written} written, ${report.rejected} rejected` +
      `${extras.length ? ` (${extras.join(", ")})` : ""} → ${report.out}, ${report.rejectsPath}`,
  );
  if (report.asked > 0 && report.written === 0) process.exitCode = 1;
}
