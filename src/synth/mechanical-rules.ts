import { isDeepStrictEqual } from "node:util";
import type { EntitiesRecord, EventsRecord, Language, RelationsRecord } from "../records/index.ts";
import type { RelationAnswer, SchemaChunk } from "../tasks/index.ts";
import type { SeededRandom } from "../util/index.ts";
import type { PlannedInstruction } from "./basic.ts";
import { isNestedIn, orderPosition, spanPosition } from "./span-positions.ts";

/** A preference rule ready to apply: the sentence for the schema entry and the answer that follows it. */
export interface PreferenceRule {
  /** numerical, reverse, punctuation, nesting, or an LLM rule's own strategy. */
  strategy: string;
  /** The chunk label whose schema entry carries the rule (after a reverse, the inverse name). */
  label: string;
  sentence: string;
  answer: unknown;
  chunk: SchemaChunk;
  /** Reverse rules: the relation the label inverts (SPO swaps its subject and object types). */
  reversedFrom?: string;
  /** LLM rules: the description the rule was written against. */
  description?: string;
  /**
   * An example's answer (over the instruction's chunk as annotated) as the rule would have it, or
   * undefined when the rule cannot be followed in it: examples must follow the rule the target follows.
   * Absent: only examples without results for the label follow it.
   */
  follow?: (answer: Record<string, unknown>) => Record<string, unknown> | undefined;
}

/** Examples with at most `n` results for the label are unchanged by "only the first/last n". */
function atMost(label: string, n: number): PreferenceRule["follow"] {
  return (answer) => (((answer[label] as unknown[] | undefined)?.length ?? 0) <= n ? answer : undefined);
}

type Lists = Record<string, string[]>;

/**
 * The mechanical rules (spec §5) that apply to a planned instruction: each one changes the answer of one
 * label in a way the annotation and its offsets determine, and keeps every span in the text. Rules that
 * would change nothing are never offered.
 */
export function mechanicalRules(
  plan: PlannedInstruction,
  inverses: (label: string) => string | undefined,
  random: SeededRandom,
): PreferenceRule[] {
  const lang = plan.record.lang;
  switch (plan.task.name) {
    case "NER": {
      const record = plan.record as EntitiesRecord;
      const answer = plan.answer as Lists;
      return plan.chunk.labels.flatMap((label) => [
        ...numerical(
          label,
          answer,
          plan.chunk,
          lang,
          random,
          (span) => entityStart(record, label, span),
          record.text,
        ),
        ...punctuation(label, answer, plan.chunk, lang, record),
        ...nesting(label, answer, plan.chunk, lang, record),
      ]);
    }
    case "EET": {
      const record = plan.record as EventsRecord;
      const start = (label: string, trigger: string) =>
        record.events.find((e) => e.type === label && e.trigger === trigger)?.trigger_start;
      return plan.chunk.labels.flatMap((label) =>
        numerical(label, plan.answer as Lists, plan.chunk, lang, random, (t) => start(label, t), record.text),
      );
    }
    case "EE": {
      const record = plan.record as EventsRecord;
      return plan.chunk.labels.flatMap((label) => numericalEvents(label, plan, random, record));
    }
    case "RE":
    case "SPO": {
      const record = plan.record as RelationsRecord;
      const answer = plan.answer as RelationAnswer;
      return plan.chunk.labels.flatMap((label) => [
        ...numericalPairs(label, answer, plan.chunk, lang, random, record),
        ...reverse(label, answer, plan.chunk, lang, inverses(label)),
      ]);
    }
    default:
      return [];
  }
}

const NUMERICAL = {
  en: (first: boolean, n: number) =>
    `Extract only the ${first ? "first" : "last"} ${n === 1 ? "mention" : `${n} mentions`} in the order they appear in the text.`,
  zh: (first: boolean, n: number) => `只抽取按在文本中出现顺序的${first ? "前" : "后"}${n}个。`,
};

function numerical(
  label: string,
  answer: Lists,
  chunk: SchemaChunk,
  lang: Language,
  random: SeededRandom,
  start: (span: string) => number | undefined,
  text: string,
): PreferenceRule[] {
  const spans = answer[label] ?? [];
  if (spans.length < 2) return [];
  const ordered = [...spans].sort(
    (a, b) => orderPosition(text, a, start(a)) - orderPosition(text, b, start(b)),
  );
  const n = random.int(1, spans.length - 1);
  const first = random.chance(0.5);
  const kept = first ? ordered.slice(0, n) : ordered.slice(-n);
  return [
    {
      strategy: "numerical",
      label,
      sentence: NUMERICAL[lang](first, n),
      answer: { ...answer, [label]: kept },
      chunk,
      follow: atMost(label, n),
    },
  ];
}

/** EE: only the first or last n events of a type, by where their triggers appear. */
function numericalEvents(
  label: string,
  plan: PlannedInstruction,
  random: SeededRandom,
  record: EventsRecord,
): PreferenceRule[] {
  const answer = plan.answer as Record<string, Array<{ trigger: string }>>;
  const events = answer[label] ?? [];
  if (events.length < 2) return [];
  const start = (trigger: string) =>
    record.events.find((e) => e.type === label && e.trigger === trigger)?.trigger_start;
  const position = (e: { trigger: string }) => orderPosition(record.text, e.trigger, start(e.trigger));
  const ordered = [...events].sort((a, b) => position(a) - position(b));
  const n = random.int(1, events.length - 1);
  const first = random.chance(0.5);
  const sentence =
    plan.record.lang === "zh"
      ? `只抽取按触发词在文本中出现顺序的${first ? "前" : "后"}${n}个事件。`
      : `Extract only the ${first ? "first" : "last"} ${n === 1 ? "event" : `${n} events`}, ordered by where the trigger appears in the text.`;
  return [
    {
      strategy: "numerical",
      label,
      sentence,
      answer: { ...answer, [label]: first ? ordered.slice(0, n) : ordered.slice(-n) },
      chunk: plan.chunk,
      follow: atMost(label, n),
    },
  ];
}

function numericalPairs(
  label: string,
  answer: RelationAnswer,
  chunk: SchemaChunk,
  lang: Language,
  random: SeededRandom,
  record: RelationsRecord,
): PreferenceRule[] {
  const pairs = answer[label] ?? [];
  if (pairs.length < 2) return [];
  const start = (subject: string) => record.relations.find((r) => r.subject === subject)?.subject_start;
  const position = (p: { subject: string }) => orderPosition(record.text, p.subject, start(p.subject));
  const ordered = [...pairs].sort((a, b) => position(a) - position(b));
  const n = random.int(1, pairs.length - 1);
  const first = random.chance(0.5);
  const sentence =
    lang === "zh"
      ? `只抽取按主体在文本中出现顺序的${first ? "前" : "后"}${n}个三元组。`
      : `Extract only the ${first ? "first" : "last"} ${n === 1 ? "triple" : `${n} triples`}, ordered by where the subject appears in the text.`;
  return [
    {
      strategy: "numerical",
      label,
      sentence,
      answer: { ...answer, [label]: first ? ordered.slice(0, n) : ordered.slice(-n) },
      chunk,
      follow: atMost(label, n),
    },
  ];
}

function reverse(
  label: string,
  answer: RelationAnswer,
  chunk: SchemaChunk,
  lang: Language,
  inverse: string | undefined,
): PreferenceRule[] {
  const pairs = answer[label] ?? [];
  if (!inverse || inverse === label || chunk.labels.includes(inverse) || pairs.length === 0) return [];
  const swap = (given: Record<string, unknown>) => {
    const swapped: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(given))
      if (key === label)
        swapped[inverse] = (value as RelationAnswer[string]).map((p) => ({
          subject: p.object,
          object: p.subject,
        }));
      else swapped[key] = value;
    return swapped;
  };
  const reversed = swap(answer) as RelationAnswer;
  const sentence =
    lang === "zh"
      ? `把"${label}"反过来，按"${inverse}"的方向抽取：主体与客体互换，原来的客体作为主体，原来的主体作为客体。`
      : `Extract "${label}" reversed, in the direction of "${inverse}": the subject and the object swap places, so the usual object is given as the subject and the usual subject as the object.`;
  return [
    {
      strategy: "reverse",
      label: inverse,
      sentence,
      answer: reversed,
      chunk: { ...chunk, labels: chunk.labels.map((l) => (l === label ? inverse : l)) },
      reversedFrom: label,
      follow: swap,
    },
  ];
}

function entityStart(record: EntitiesRecord, label: string, span: string): number | undefined {
  return record.entities.find((e) => e.type === label && e.text === span && e.start !== undefined)?.start;
}

const BEFORE = /(?:[$€£¥￥]\s?|["“'‘「《])$/;
const AFTER =
  /^(?:\s?(?:%|％|percent|per cent|km|kg|元|万元|亿元|美元|dollars|euros)(?![\p{L}\p{N}])|["”'’」》])/u;
const LEADING = /^(?:[$€£¥￥]\s?|["“'‘「《])/;
const TRAILING = /(?:\s?(?:%|％|percent|per cent|km|kg|元|万元|亿元|美元|dollars|euros)|["”'’」》])$/;

const PUNCTUATION = {
  keep: {
    en: "If there are quotation marks, units or symbols before or after the value, please also extract them together.",
    zh: "如果数值前后有引号、单位或符号，请一并抽取。",
  },
  drop: {
    en: "If there are quotation marks, units or symbols before or after the value, please ignore them.",
    zh: "如果数值前后有引号、单位或符号，请忽略它们。",
  },
};

/** Keep or drop quotes, currency symbols and units next to the label's spans, where the text has them. */
function punctuation(
  label: string,
  answer: Lists,
  chunk: SchemaChunk,
  lang: Language,
  record: EntitiesRecord,
): PreferenceRule[] {
  const spans = answer[label] ?? [];
  const text = record.text;
  const kept = spans.map((span) => {
    const start = spanPosition(text, span, entityStart(record, label, span));
    if (start === undefined) return span;
    const before = BEFORE.exec(text.slice(Math.max(0, start - 2), start))?.[0] ?? "";
    const after = AFTER.exec(text.slice(start + span.length, start + span.length + 9))?.[0] ?? "";
    return before + span + after;
  });
  const dropped = spans.map((span) => {
    const stripped = span.replace(LEADING, "").replace(TRAILING, "").trim();
    return stripped === "" ? span : stripped;
  });
  const rules: PreferenceRule[] = [];
  for (const [mode, list] of [["keep", kept] as const, ["drop", dropped] as const]) {
    const unique = [...new Set(list)];
    if (isDeepStrictEqual(unique, spans) || !unique.every((s) => text.includes(s))) continue;
    rules.push({
      strategy: "punctuation",
      label,
      sentence: PUNCTUATION[mode][lang],
      answer: { ...answer, [label]: unique },
      chunk,
    });
  }
  return rules;
}

/** Drop the label's spans that lie inside another span of the answer (by offsets or unique occurrence). */
function nesting(
  label: string,
  answer: Lists,
  chunk: SchemaChunk,
  lang: Language,
  record: EntitiesRecord,
): PreferenceRule[] {
  const asked = new Set(chunk.labels);
  const intervals = record.entities
    .filter((e) => asked.has(e.type))
    .map((e) => {
      const start = spanPosition(record.text, e.text, e.start);
      return { entity: e, interval: start === undefined ? undefined : { start, end: start + e.text.length } };
    });
  const nested = (span: string) => {
    const mentions = intervals.filter((m) => m.entity.type === label && m.entity.text === span);
    return mentions.every(
      (m) =>
        m.interval && intervals.some((o) => o !== m && o.interval && isNestedIn(m.interval!, o.interval)),
    );
  };
  const spans = answer[label] ?? [];
  const kept = spans.filter((span) => !nested(span));
  if (kept.length === spans.length) return [];
  const sentence =
    lang === "zh"
      ? "不要抽取嵌套在另一个已抽取实体内部的实体。"
      : "Do not extract a mention that lies inside another extracted entity.";
  return [{ strategy: "nesting", label, sentence, answer: { ...answer, [label]: kept }, chunk }];
}
