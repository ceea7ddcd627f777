import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Language } from "../records/index.ts";
import { loadYamlDataFile, lookup } from "../util/index.ts";
import type { RuleCandidate } from "./rule-candidate.ts";

/**
 * The six modification strategies of preference-rule synthesis (paper §3, Figure 3). What the prompt
 * shows of each (title, description, two examples, in English and Chinese) is data in strategies.yaml;
 * here is the test of whether a strategy can apply to a label of a record at all (asking where it
 * cannot only buys rejections).
 */
export const STRATEGY_NAMES = [
  "boundaries",
  "numerical",
  "granularity",
  "punctuation",
  "nesting",
  "reverse",
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export interface StrategyExample {
  text: string;
  schema: string;
  labels: unknown[];
  newRule: string;
  newLabels: unknown[];
}

/** A way a preference rule rewrites labels (not a compound instruction's strategy). */
export interface ModificationStrategy {
  name: StrategyName;
  title: Record<Language, string>;
  description: Record<Language, string>;
  examples: Record<Language, [StrategyExample, StrategyExample]>;
  applies(candidate: RuleCandidate): boolean;
}

const APPLIES: Record<StrategyName, (candidate: RuleCandidate) => boolean> = {
  // Trimming needs a span of more than one word (or, in Chinese, more than two characters).
  boundaries: (candidate) =>
    candidate.pairs === null && candidate.spans.some((span) => isLong(span, candidate.lang, 3)),
  numerical: (candidate) => valueCount(candidate) >= 2,
  granularity: (candidate) => valueCount(candidate) >= 2,
  // A symbol or digit inside a span, or a symbol right next to one in the text.
  punctuation: (candidate) =>
    candidate.pairs === null &&
    candidate.spans.some(
      (span) => SYMBOL.test(span) || /\d/.test(span) || touchesSymbol(candidate.text, span),
    ),
  // Nested annotated spans, or a span long enough to hold another name.
  nesting: (candidate) =>
    candidate.pairs === null &&
    candidate.spans.some(
      (span) =>
        isLong(span, candidate.lang, 4) ||
        candidate.allSpans.some((other) => other !== span && (other.includes(span) || span.includes(other))),
    ),
  reverse: (candidate) => candidate.pairs !== null && candidate.pairs.length > 0,
};

/** The strategies of a strategies file, in STRATEGY_NAMES order. */
export function loadStrategies(path: string): ModificationStrategy[] {
  const { data } = loadYamlDataFile(path, StrategiesFile);
  return STRATEGY_NAMES.map((name) => {
    const { title, description, examples } = data.strategies[name];
    const text = (example: ExampleData): StrategyExample => ({
      text: example.text,
      schema: example.schema,
      labels: example.labels,
      newRule: example.new_rule,
      newLabels: example.new_labels,
    });
    return {
      name,
      title,
      description,
      examples: {
        en: [text(examples.en[0]), text(examples.en[1])],
        zh: [text(examples.zh[0]), text(examples.zh[1])],
      },
      applies: APPLIES[name],
    };
  });
}

const Bilingual = z.object({ en: z.string().min(1), zh: z.string().min(1) }).strict();
const Pair = z.object({ subject: z.string().min(1), object: z.string().min(1) }).strict();

function exampleOf<Label extends z.ZodType<string | z.infer<typeof Pair>>>(label: Label) {
  return z
    .object({
      text: z.string().min(1),
      schema: z.string().min(1),
      labels: z.array(label).min(1),
      new_rule: z.string().min(1),
      new_labels: z.array(label),
    })
    .strict()
    .superRefine((example, context) => {
      // The prompt asks for labels copied from the text; its examples must do what it asks.
      for (const field of ["labels", "new_labels"] as const)
        example[field].forEach((label, index) => {
          const ends = typeof label === "string" ? [label] : [label.subject, label.object];
          const missing = ends.find((end) => !example.text.includes(end));
          if (missing !== undefined)
            context.addIssue({
              code: "custom",
              path: [field, index],
              message: `"${missing}" does not occur in the example's text`,
            });
        });
    });
}

const SpanExample = exampleOf(z.string().min(1));
const PairExample = exampleOf(Pair);
type ExampleData = z.infer<typeof SpanExample> | z.infer<typeof PairExample>;

function strategyOf(example: typeof SpanExample | typeof PairExample) {
  const two = z.tuple([example, example]);
  return z
    .object({ title: Bilingual, description: Bilingual, examples: z.object({ en: two, zh: two }).strict() })
    .strict();
}

const SpanStrategy = strategyOf(SpanExample);
const StrategiesFile = z
  .object({
    strategies: z
      .object({
        boundaries: SpanStrategy,
        numerical: SpanStrategy,
        granularity: SpanStrategy,
        punctuation: SpanStrategy,
        nesting: SpanStrategy,
        reverse: strategyOf(PairExample),
      })
      .strict(),
  })
  .strict();

let builtIn: readonly ModificationStrategy[] | undefined;

/** The strategies of strategies.yaml beside this file, read when first asked for. */
export function strategies(): readonly ModificationStrategy[] {
  builtIn ??= loadStrategies(fileURLToPath(new URL("./strategies.yaml", import.meta.url)));
  return builtIn;
}

export function strategyByName(name: string): ModificationStrategy {
  return lookup(strategies(), name, { one: "strategy", many: "strategies" });
}

const SYMBOL = /[\p{P}\p{S}]/u;

function valueCount(candidate: RuleCandidate): number {
  return candidate.pairs?.length ?? candidate.spans.length;
}

/** More than one word in English; at least `characters` characters in Chinese. */
function isLong(span: string, lang: Language, characters: number): boolean {
  return lang === "zh" ? [...span].length >= characters : /\s/.test(span.trim());
}

function touchesSymbol(text: string, span: string): boolean {
  const start = text.indexOf(span);
  if (start < 0) return false;
  const before = text.slice(Math.max(0, start - 1), start);
  const after = text.slice(start + span.length, start + span.length + 1);
  return /["'“”‘’《》「」()（）[\]$€£¥%]/u.test(before + after);
}
