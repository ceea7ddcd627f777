import {
  clausesIn,
  EMPTY_LABEL_CLAUSES,
  FORMAT_CLAUSES,
  INNER_VALUE_CLAUSES,
  type OutputFormat,
  outputText,
  sameAnswer,
} from "../formats/index.ts";
import { NOT_MENTIONED, notMentioned, type SchemaChunk, type TaskSpec } from "../tasks/index.ts";
import { fitsWithin, type TokenCounter } from "../tokenizer/index.ts";
import { holdsValue, isObject } from "../util/index.ts";
import { namedFormats } from "./detect-format.ts";
import { type ExamplePart, type InstructionParts, schemaEntries } from "./instruction-parts.ts";
import type { LintSubject } from "./lint-subject.ts";

/** Everything a rule may look at, read once per instruction. */
export interface LintContext {
  subject: LintSubject;
  task: TaskSpec;
  parts: InstructionParts;
  format: OutputFormat;
  chunk: SchemaChunk;
  countTokens: TokenCounter;
  budget: number;
}

/** A lint rule: its id, what it checks, and the problems it finds in one instruction (empty: passes). */
export interface LintRule {
  id: string;
  description: string;
  check(context: LintContext): string[];
}

/** Shape families: two of them in one instruction prescribe two different outputs. */
const SHAPE_FAMILIES: ReadonlyArray<readonly [string, RegExp]> = [
  ["json-object", /format of a JSON string|parsable JSON format|JSON字符串的格式|可解析的json格式/i],
  ["json-list", /JSON list|JSON列表/],
  ["markdown", /markdown table|markdown表格/i],
  ["lines", /on its own line|one line per schema item|每行返回一个结果|每个schema项返回一行/],
  ["plain", /directly output|直接输出/i],
  ["code", /Python function call|Python函数调用/],
];

const oneOutputShape: LintRule = {
  id: "one-output-shape",
  description: "no two clauses prescribe different output shapes or empty markers",
  check({ subject, task, parts, format }) {
    const problems: string[] = [];
    const families = SHAPE_FAMILIES.filter(([, pattern]) => pattern.test(parts.sentence)).map(
      ([name]) => name,
    );
    if (families.length > 1) problems.push(`prescribes ${families.join(" and ")} output`);
    const named = namedFormats(task, parts, subject.lang);
    if (named.length > 1) problems.push(`names ${named.map((f) => f.name).join(" and ")} formats`);
    const statement = format.state(task, { labels: [] }, subject.lang);
    if (statement.sentence === "" || statement.scope === "instruction") return problems;
    const groups = statement.keepsShape
      ? [FORMAT_CLAUSES, EMPTY_LABEL_CLAUSES]
      : [FORMAT_CLAUSES, EMPTY_LABEL_CLAUSES, INNER_VALUE_CLAUSES];
    for (const clause of clausesIn(parts.sentence, ...groups))
      problems.push(`keeps the template's "${clause}" beside the ${format.name} format`);
    return problems;
  },
};

const namesChoices: LintRule = {
  id: "names-choices",
  description: "TC names its classes and multiple-choice MRC its choices",
  check({ subject, task, parts, chunk }) {
    if (task.name === "TC") {
      const type = (subject.label as { type?: string })?.type;
      const shown = [
        parts.sentence,
        ...parts.descriptions,
        ...parts.tail.filter((l) => l.startsWith("schema:")),
      ];
      if (typeof type === "string" && !shown.some((line) => line.includes(type)))
        return [`the class "${type}" is never named`];
    }
    if (task.name === "MRC" && chunk.plain) {
      const answer = (subject.label as { answer?: string | null })?.answer;
      if (answer && !chunk.labels.includes(answer))
        return [`the answer "${answer}" is not among the choices`];
    }
    return [];
  },
};

const parsesBack: LintRule = {
  id: "parses-back",
  description: "the output parses back to `label` with the format the instruction names",
  check({ subject, task, format, chunk }) {
    try {
      const parsed = format.parse(task, subject.output, chunk);
      return sameAnswer(parsed, subject.label)
        ? []
        : [`${format.name} output reads back as ${brief(parsed)}`];
    } catch (error) {
      return [`${format.name} output does not parse: ${(error as Error).message}`];
    }
  },
};

const noAnswerMarker: LintRule = {
  id: "no-answer-marker",
  description: 'extractive MRC writes "no answer" in the instruction\'s language, and names no other marker',
  check({ subject, task, chunk }) {
    if (task.name !== "MRC" || chunk.plain) return [];
    const own = notMentioned(chunk);
    const problems = Object.values(NOT_MENTIONED)
      .filter((marker) => marker !== own && subject.instruction.includes(marker))
      .map((marker) => `a ${subject.lang} instruction names the marker "${marker}"`);
    if ((subject.label as { answer?: unknown })?.answer === null && !subject.output.includes(own))
      problems.push(`an unanswerable output does not say "${own}"`);
    return problems;
  },
};

const exampleShape: LintRule = {
  id: "example-shape",
  description: "every example's output has the keys, shape and empty markers the target has",
  check(context) {
    return context.parts.examples.flatMap((example, index) => {
      const problem = exampleProblem(context, example);
      return problem ? [`example ${index + 1}: ${problem}`] : [];
    });
  },
};

function exampleProblem({ task, format, chunk }: LintContext, example: ExamplePart): string | undefined {
  const own = example.choices ? { ...chunk, labels: example.choices } : chunk;
  const text = outputText(example.output);
  let parsed: unknown;
  try {
    parsed = format.parse(task, text, own);
  } catch (error) {
    return `output is not ${format.name}: ${(error as Error).message}`;
  }
  const rewritten = format.value(task, parsed, own);
  // Text instructions show every example output as text, JSON ones as the value itself.
  const same =
    typeof example.output === "string" && typeof rewritten !== "string"
      ? outputText(rewritten) === example.output
      : sameAnswer(rewritten, example.output);
  if (!same)
    return `output ${brief(example.output)} is not what ${format.name} writes for this schema: ${brief(rewritten)}`;
  return undefined;
}

const examplesFollowRule: LintRule = {
  id: "example-rule",
  description: "examples follow the preference rule the schema applies",
  check({ task, parts, format, chunk }) {
    const problems: string[] = [];
    for (const { name, entry } of schemaEntries(parts.schema)) {
      if (typeof entry.rule !== "string") continue;
      const limit = numericalLimit(entry.rule);
      if (limit === undefined) continue;
      for (const [index, example] of parts.examples.entries()) {
        const values = answerOf(task, format, chunk, example)?.[name];
        if (Array.isArray(values) && values.length > limit)
          problems.push(
            `example ${index + 1} lists ${values.length} "${name}" results under "${entry.rule}"`,
          );
      }
    }
    return problems;
  },
};

function numericalLimit(rule: string): number | undefined {
  const en = /Extract only the (?:first|last) (?:(\d+) )?(?:mention|triple|event)/.exec(rule);
  if (en) return en[1] === undefined ? 1 : Number(en[1]);
  const zh = /只抽取.*?(?:前|后)(\d+)个/.exec(rule);
  return zh ? Number(zh[1]) : undefined;
}

const exampleCoverage: LintRule = {
  id: "example-coverage",
  description: "no example's text holds a value of a label its output leaves empty",
  check(context) {
    const { task, subject, parts, chunk, format } = context;
    if (task.name !== "NER" && task.name !== "EET") return [];
    const answers = parts.examples.map((example) => answerOf(task, format, chunk, example));
    const known = new Map<string, Set<string>>();
    for (const answer of [subject.label, ...answers])
      if (isObject(answer))
        for (const [label, values] of Object.entries(answer))
          if (Array.isArray(values))
            for (const v of values) if (typeof v === "string") addTo(known, label, v);
    const problems: string[] = [];
    for (const [index, example] of parts.examples.entries()) {
      const answer = answers[index];
      if (!answer) continue;
      for (const [label, values] of known) {
        const given = answer[label];
        if (!Array.isArray(given) || given.length > 0) continue;
        const held = [...values].find((value) => holdsValue(example.input, value));
        if (held) problems.push(`example ${index + 1} holds "${held}" but leaves "${label}" empty`);
      }
    }
    return problems;
  },
};

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

const MASK = /^label\d+$/;

const masksHold: LintRule = {
  id: "mask-leak",
  description: "a masked label's rule and description never name a label",
  check({ parts }) {
    const problems: string[] = [];
    for (const { name, entry } of schemaEntries(parts.schema)) {
      if (!MASK.test(name)) continue;
      if (typeof entry.rule === "string" && /["“][^"”]+["”]/.test(entry.rule))
        problems.push(`masked ${name}'s rule names a label: ${entry.rule}`);
      if (entry.description === undefined || entry.description === "")
        problems.push(`masked ${name} has no description`);
    }
    return problems;
  },
};

const lengthBudget: LintRule = {
  id: "length-budget",
  description: "a compound instruction fits the token budget, or has no examples and descriptions left",
  check({ subject, parts, countTokens, budget }) {
    if (subject.kind !== "compound" || fitsWithin(countTokens, subject.instruction, budget)) return [];
    // A masked label keeps its description (without it the task is unanswerable): it cannot be dropped.
    const described =
      parts.descriptions.some((line) => !MASK.test(line.split(":")[0])) ||
      schemaEntries(parts.schema).some(({ name, entry }) => entry.description && !MASK.test(name));
    if (parts.examples.length === 0 && !described) return [];
    const tokens = countTokens(subject.instruction);
    return [
      `${tokens} tokens (${countTokens.tokenizer}) over the budget of ${budget} with ${parts.examples.length} examples still in`,
    ];
  },
};

/** Every rule, in report order. */
export const LINT_RULES: readonly LintRule[] = [
  oneOutputShape,
  namesChoices,
  parsesBack,
  noAnswerMarker,
  exampleShape,
  examplesFollowRule,
  exampleCoverage,
  masksHold,
  lengthBudget,
];

function answerOf(
  task: TaskSpec,
  format: OutputFormat,
  chunk: SchemaChunk,
  example: ExamplePart,
): Record<string, unknown> | undefined {
  try {
    const parsed = format.parse(task, outputText(example.output), chunk);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function brief(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
