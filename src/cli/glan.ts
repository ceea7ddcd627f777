import { join } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
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
import {
  addLlmOptions,
  answerOrExport,
  clientOptionsFor,
  type LlmFlags,
  type LlmMode,
  RUN_MODE,
} from "./llm-options.ts";
import { collect, parsePositiveInteger, parseRatio, parseSeed } from "./option-parsers.ts";

interface GlanFlags extends LlmFlags {
  lang: "en" | "zh";
  prompts?: string;
  plan?: boolean;
  reviewedOnly?: boolean;
  only?: string[];
  seed: number;
  levels?: string[];
  subFields?: number;
  disciplines?: number;
  subjects?: number;
  sessions?: number;
  concepts?: number;
  questions?: number;
  questionsPerLevel?: Record<string, number>;
  questionTypes?: string[];
  nearDuplicate?: number;
}

interface PhaseFlags extends GlanFlags {
  in: string;
  out: string;
}

interface TaxonomyFlags extends GlanFlags {
  from?: string;
  field: string[];
  out: string;
}

interface AllFlags extends GlanFlags {
  taxonomy?: string;
  field: string[];
  outDir: string;
  answerModel?: string;
}

const FILES: Record<GlanPhase, string> = {
  taxonomy: "taxonomy.jsonl",
  subjects: "subjects.jsonl",
  syllabus: "syllabus.jsonl",
  questions: "questions.jsonl",
  answers: "answers.jsonl",
};

/**
 * `hum glan <phase>` and `hum glan all`: GLAN's taxonomy → subjects → syllabus → questions → answers.
 * In plan mode (`hum llm export-batch … glan <phase> …`) a phase makes no call and writes nothing: its
 * uncached requests go to the batch file.
 */
export function registerGlanCommand(program: Command, mode: LlmMode = RUN_MODE): void {
  const glan = program
    .command("glan")
    .description("GLAN: instructions from a taxonomy of human knowledge (taxonomy → … → answers)");
  const taxonomy = glan
    .command("taxonomy")
    .description("the taxonomy as taxonomy.jsonl: from a file (--from), or drafted by the LLM (--field)")
    .option("--from <taxonomy.yaml>", "a taxonomy a person wrote (YAML or JSON): no LLM call")
    .option(
      "--field <name>",
      "draft this field's sub-fields and disciplines with the LLM; repeatable",
      collect,
      [],
    )
    .requiredOption("-o, --out <taxonomy.jsonl>", "one discipline per line");
  addGlanOptions(taxonomy, ["taxonomy"]);
  optionalModel(taxonomy).action((flags: TaxonomyFlags) =>
    runPhaseCommand(flags, mode, "taxonomy", flags.out, () => taxonomyPhase(flags)),
  );

  phaseCommand(
    glan,
    mode,
    "subjects",
    "taxonomy.jsonl",
    "per discipline, the subjects taught and their level",
    (flags, settings) => prepareSubjects(flags.in, flags.out, settings),
  );
  phaseCommand(
    glan,
    mode,
    "syllabus",
    "subjects.jsonl",
    "per subject, class sessions with key concepts",
    (flags, settings) => prepareSyllabus(flags.in, flags.out, settings),
  );
  phaseCommand(
    glan,
    mode,
    "questions",
    "syllabus.jsonl",
    "questions from sampled sessions and key concepts",
    (flags, settings) => prepareQuestions(flags.in, flags.out, settings),
  );
  phaseCommand(
    glan,
    mode,
    "answers",
    "questions.jsonl",
    "answers, written as chat records for hum synth",
    (flags, settings) => prepareAnswers(flags.in, settings),
  );
  if (mode.mode === "run") registerAllCommand(glan);
}

function phaseCommand(
  glan: Command,
  mode: LlmMode,
  phase: GlanPhase,
  inputName: string,
  description: string,
  prepare: (flags: PhaseFlags, settings: GlanSettings) => Promise<PreparedPhase>,
): void {
  const command = glan
    .command(phase)
    .description(description)
    .requiredOption("--in <file>", `the previous phase's file (${inputName})`)
    .requiredOption(
      "-o, --out <file>",
      `this phase's file (${FILES[phase]}); rejections go to <out>.rejects.jsonl`,
    );
  addGlanOptions(command, [phase]);
  addLlmOptions(command).action((flags: PhaseFlags) =>
    runPhaseCommand(flags, mode, phase, flags.out, () => prepare(flags, glanSettings(flags))),
  );
}

function registerAllCommand(glan: Command): void {
  const command = glan
    .command("all")
    .description("every phase in turn, each file written into --out-dir")
    .option("--taxonomy <taxonomy.yaml>", "a taxonomy a person wrote (YAML or JSON)")
    .option("--field <name>", "draft this field with the LLM instead; repeatable", collect, [])
    .requiredOption("--out-dir <dir>", "where taxonomy.jsonl … answers.jsonl go")
    .option("--answer-model <name>", "another (cheaper) model for the answers phase");
  addGlanOptions(command, ["taxonomy", "subjects", "syllabus", "questions", "answers"]);
  addLlmOptions(command).action((flags: AllFlags) => runAll(flags));
}

/** The options a command needs for the phases it runs. */
function addGlanOptions(command: Command, phases: GlanPhase[]): Command {
  command
    .addOption(
      new Option("--lang <lang>", "language of everything generated").choices(["en", "zh"]).default("en"),
    )
    .option("--prompts <dir>", "a folder of prompt templates (<phase>.yaml) that replace the built-in ones")
    .option("--plan", "print the requests and token estimates per phase, make no request, write nothing")
    .option("--seed <n>", "seed of every sampling choice", parseSeed, 42);
  const has = (phase: GlanPhase) => phases.includes(phase);
  if (!has("taxonomy") || phases.length > 1)
    command
      .option("--reviewed-only", "use only input items marked reviewed: true")
      .option(
        "--only <id>",
        "ask only about input items with this id or under it (e.g. natural-sciences/mathematics); the " +
          "other items of an existing output are kept; repeatable",
        collect,
        [],
      );
  if (has("taxonomy"))
    command
      .option("--sub-fields <n>", "drafting: sub-fields per field (default 3)", parsePositiveInteger)
      .option("--disciplines <n>", "drafting: disciplines per sub-field (default 3)", parsePositiveInteger);
  if (has("subjects"))
    command
      .option("--subjects <n>", "subjects per discipline (default 6)", parsePositiveInteger)
      .option("--levels <list>", "levels subjects are taught at, comma-separated", parseList);
  if (has("syllabus"))
    command
      .option("--sessions <n>", "class sessions per syllabus (default 8)", parsePositiveInteger)
      .option(
        "--concepts <n>",
        "at most this many key concepts per session (default 4)",
        parsePositiveInteger,
      );
  if (has("questions"))
    command
      .option("--questions <n>", "questions per syllabus (default 4)", parsePositiveInteger)
      .option("--questions-per-level <list>", "per level, e.g. introductory=6,advanced=2", parseLevelCounts)
      .option("--question-types <list>", "types drawn from (default: every type of the template)", parseList)
      .option("--near-duplicate <j>", "drop questions this similar to a kept one (default 0.8)", parseRatio);
  return command;
}

// Taxonomy from a file needs no model; drafting does (checked when it runs).
function optionalModel(command: Command): Command {
  addLlmOptions(command);
  const model = command.options.find((option) => option.long === "--model");
  if (model) model.mandatory = false;
  return command;
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

async function runAll(flags: AllFlags): Promise<void> {
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

function parseList(value: string): string[] {
  const items = value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
  if (items.length === 0) throw new InvalidArgumentError("must list at least one name");
  return items;
}

function parseLevelCounts(value: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of parseList(value)) {
    const match = /^(.+?)=(\d+)$/.exec(entry);
    if (!match) throw new InvalidArgumentError(`"${entry}" is not level=count`);
    counts[match[1].trim()] = Number(match[2]);
  }
  return counts;
}
