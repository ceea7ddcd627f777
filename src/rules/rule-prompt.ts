import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { ChatMessage } from "../llm/index.ts";
import { fillTemplate, loadYamlDataFile, type YamlDataFile } from "../util/index.ts";
import type { RuleCandidate } from "./rule-candidate.ts";
import type { ModificationStrategy, StrategyExample } from "./strategies.ts";

const LanguageTexts = z
  .object({
    task_titles: z.object({ NER: z.string(), RE: z.string(), EET: z.string() }).strict(),
    pair_clause: z.string(),
    no_description: z.string(),
    user: z.string().min(1),
    example: z.string().min(1),
  })
  .strict();
const PromptFile = z
  .object({ version: z.number().int().positive(), en: LanguageTexts, zh: LanguageTexts })
  .strict();

let loaded: YamlDataFile<z.infer<typeof PromptFile>> | undefined;

// The wording is data (rule-prompt.yaml beside this file), read when first needed.
function rulePrompt(): YamlDataFile<z.infer<typeof PromptFile>> {
  loaded ??= loadYamlDataFile(fileURLToPath(new URL("./rule-prompt.yaml", import.meta.url)), PromptFile);
  return loaded;
}

/** Goes into every request's cache key; the file's `version` is raised when an answer's meaning changes. */
export function rulePromptVersion(): string {
  return `rules/${rulePrompt().data.version}`;
}

/** What the model returns (Figure 3's four fields). */
export interface RuleAnswer {
  schema_description: string;
  original_rule: string;
  new_rule: string;
  new_labels: unknown[];
}

const fields = { schema_description: z.string(), original_rule: z.string(), new_rule: z.string() };
const SpanRuleAnswer = z.object({ ...fields, new_labels: z.array(z.string()) }).strict();
const PairRuleAnswer = z
  .object({ ...fields, new_labels: z.array(z.object({ subject: z.string(), object: z.string() }).strict()) })
  .strict();

/** Span labels come back as strings, relation labels as subject-object pairs. */
export function ruleAnswerSchema(candidate: RuleCandidate): z.ZodType<RuleAnswer> {
  return candidate.pairs === null ? SpanRuleAnswer : PairRuleAnswer;
}

/** The Figure 3 prompt: schema with its description, text, labels, a strategy and two examples. */
export function ruleMessages(
  candidate: RuleCandidate,
  strategy: ModificationStrategy,
  description: string,
): ChatMessage[] {
  const lang = candidate.lang;
  const prompt = rulePrompt();
  const texts = prompt.data[lang];
  const where = `${prompt.path} (${lang})`;
  const examples = strategy.examples[lang].map((example, index) =>
    exampleText(texts.example, example, index, where),
  );
  const content = fillTemplate(
    texts.user,
    {
      task: texts.task_titles[candidate.task],
      pair_clause: candidate.pairs !== null ? texts.pair_clause : "",
      strategy_title: strategy.title[lang],
      strategy_description: strategy.description[lang],
      examples: examples.join("\n"),
      text: candidate.text,
      schema: candidate.label,
      description: description || texts.no_description,
      labels: JSON.stringify(candidate.pairs ?? candidate.spans),
    },
    where,
  );
  return [{ role: "user", content }];
}

function exampleText(template: string, example: StrategyExample, index: number, where: string): string {
  return fillTemplate(
    template,
    {
      number: String(index + 1),
      text: example.text,
      schema: example.schema,
      labels: JSON.stringify(example.labels),
      new_rule: example.newRule,
      new_labels: JSON.stringify(example.newLabels),
    },
    where,
  );
}
