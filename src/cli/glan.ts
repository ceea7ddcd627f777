import { type Command, InvalidArgumentError, Option } from "commander";
import type { GlanPhase } from "../glan/index.ts";
import { addLlmOptions, type LlmFlags, type LlmMode, RUN_MODE } from "./llm-options.ts";
import { collect, parsePositiveInteger, parseRatio, parseSeed } from "./option-parsers.ts";

export interface GlanFlags extends LlmFlags {
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

export interface PhaseFlags extends GlanFlags {
  in: string;
  out: string;
}

export interface TaxonomyFlags extends GlanFlags {
  from?: string;
  field: string[];
  out: string;
}

export interface AllFlags extends GlanFlags {
  taxonomy?: string;
  field: string[];
  outDir: string;
  answerModel?: string;
}

export const FILES: Record<GlanPhase, string> = {
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
  optionalModel(taxonomy).action(async (flags: TaxonomyFlags) => {
    const { runTaxonomy } = await import("./glan-action.ts");
    await runTaxonomy(flags, mode);
  });

  phaseCommand(
    glan,
    mode,
    "subjects",
    "taxonomy.jsonl",
    "per discipline, the subjects taught and their level",
  );
  phaseCommand(glan, mode, "syllabus", "subjects.jsonl", "per subject, class sessions with key concepts");
  phaseCommand(glan, mode, "questions", "syllabus.jsonl", "questions from sampled sessions and key concepts");
  phaseCommand(glan, mode, "answers", "questions.jsonl", "answers, written as chat records for hum synth");
  if (mode.mode === "run") registerAllCommand(glan);
}

function phaseCommand(
  glan: Command,
  mode: LlmMode,
  phase: Exclude<GlanPhase, "taxonomy">,
  inputName: string,
  description: string,
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
  addLlmOptions(command).action(async (flags: PhaseFlags) => {
    const { runPhase } = await import("./glan-action.ts");
    await runPhase(flags, mode, phase);
  });
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
  addLlmOptions(command).action(async (flags: AllFlags) => {
    const { runAll } = await import("./glan-action.ts");
    await runAll(flags);
  });
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
