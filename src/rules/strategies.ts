import type { Language } from "../records/index.ts";
import type { RuleCandidate } from "./rule-candidate.ts";

/**
 * The six modification strategies of preference-rule synthesis (paper §3, Figure 3), each with the
 * description and the two examples the prompt shows, in English and Chinese, and the test of whether
 * it can apply to a label of a record at all (asking where it cannot only buys rejections).
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

export interface Strategy {
  name: StrategyName;
  title: Record<Language, string>;
  description: Record<Language, string>;
  examples: Record<Language, [StrategyExample, StrategyExample]>;
  applies(candidate: RuleCandidate): boolean;
}

const boundaries: Strategy = {
  name: "boundaries",
  title: { en: "Entity boundaries", zh: "实体边界" },
  description: {
    en: "Decide whether a span keeps its prefixes and suffixes (titles, honorifics, positions, modifiers, legal-form suffixes). The new rule trims spans to their core, or extends them to include what surrounds them.",
    zh: "决定实体是否保留前后缀（头衔、称谓、职务、修饰语、公司形式后缀等）。新规则把实体缩短到核心部分，或扩展为包含这些成分。",
  },
  examples: {
    en: [
      {
        text: "President of the United States Joe Biden met reporters.",
        schema: "person",
        labels: ["President of the United States Joe Biden"],
        newRule: "Annotate only the person's name, without titles or positions.",
        newLabels: ["Joe Biden"],
      },
      {
        text: "Shares of Apple Inc. rose 3% on Monday.",
        schema: "organization",
        labels: ["Apple Inc."],
        newRule: "Leave out legal-form suffixes such as Inc. or Ltd.",
        newLabels: ["Apple"],
      },
    ],
    zh: [
      {
        text: "美国总统拜登会见了记者。",
        schema: "人物",
        labels: ["美国总统拜登"],
        newRule: "只标注人名，不包括头衔和职务。",
        newLabels: ["拜登"],
      },
      {
        text: "阿里巴巴集团有限公司发布了财报。",
        schema: "组织机构",
        labels: ["阿里巴巴集团有限公司"],
        newRule: "不包含“有限公司”等公司形式后缀。",
        newLabels: ["阿里巴巴集团"],
      },
    ],
  },
  // Trimming needs a span of more than one word (or, in Chinese, more than two characters).
  applies: (candidate) =>
    candidate.pairs === null && candidate.spans.some((span) => isLong(span, candidate.lang, 3)),
};

const numerical: Strategy = {
  name: "numerical",
  title: { en: "Numerical", zh: "数量" },
  description: {
    en: "Keep only some of the values by quantity, order or rank: the first or last N mentions, the most recent, the highest, the largest.",
    zh: "按数量、先后顺序或等级只保留部分取值：前N个或后N个、最近的、最高的、最大的。",
  },
  examples: {
    en: [
      {
        text: "Mr. John Smith holds a bachelor's degree from Harvard and a Ph.D. from MIT.",
        schema: "degree",
        labels: ["bachelor's degree", "Ph.D."],
        newRule: "Annotate only the highest degree of the person.",
        newLabels: ["Ph.D."],
      },
      {
        text: "She worked at IBM, then Google, and now leads research at OpenAI.",
        schema: "organization",
        labels: ["IBM", "Google", "OpenAI"],
        newRule: "Annotate only the first two companies mentioned.",
        newLabels: ["IBM", "Google"],
      },
    ],
    zh: [
      {
        text: "张伟本科毕业于北京大学，博士毕业于清华大学。",
        schema: "学历",
        labels: ["本科", "博士"],
        newRule: "只标注最高学历。",
        newLabels: ["博士"],
      },
      {
        text: "他曾任职于联想、华为，现就职于腾讯。",
        schema: "公司",
        labels: ["联想", "华为", "腾讯"],
        newRule: "只标注当前任职的公司。",
        newLabels: ["腾讯"],
      },
    ],
  },
  applies: (candidate) => valueCount(candidate) >= 2,
};

const granularity: Strategy = {
  name: "granularity",
  title: { en: "Granularity", zh: "粒度" },
  description: {
    en: "Narrow (or widen) the definition of the schema the way another dataset might define it, for example organizations limited to companies, or locations limited to countries.",
    zh: "像另一个数据集那样收窄（或放宽）该类型的定义，例如组织机构仅限公司，地点仅限国家。",
  },
  examples: {
    en: [
      {
        text: "Researchers from Stanford University and Microsoft presented the results.",
        schema: "organization",
        labels: ["Stanford University", "Microsoft"],
        newRule: "Only companies count as organizations; universities and public bodies do not.",
        newLabels: ["Microsoft"],
      },
      {
        text: "The tour visits Paris, France and Berlin.",
        schema: "location",
        labels: ["Paris", "France", "Berlin"],
        newRule: "Annotate only countries, not cities.",
        newLabels: ["France"],
      },
    ],
    zh: [
      {
        text: "清华大学与华为公司联合发布了报告。",
        schema: "组织机构",
        labels: ["清华大学", "华为公司"],
        newRule: "组织机构仅限公司，不包括高校。",
        newLabels: ["华为公司"],
      },
      {
        text: "他从杭州出发，途经浙江，抵达南京。",
        schema: "地点",
        labels: ["杭州", "浙江", "南京"],
        newRule: "只标注省份，不标注城市。",
        newLabels: ["浙江"],
      },
    ],
  },
  applies: (candidate) => valueCount(candidate) >= 2,
};

const punctuation: Strategy = {
  name: "punctuation",
  title: { en: "Punctuation", zh: "标点符号" },
  description: {
    en: "Decide whether quotation marks, book-title marks, brackets, currency symbols, units and similar symbols belong to the span.",
    zh: "决定引号、书名号、括号、货币符号、单位等符号是否属于实体。",
  },
  examples: {
    en: [
      {
        text: 'He read "War and Peace" twice.',
        schema: "work",
        labels: ["War and Peace"],
        newRule: "Include the quotation marks around titles.",
        newLabels: ['"War and Peace"'],
      },
      {
        text: "The company paid $500 in fees.",
        schema: "amount",
        labels: ["$500"],
        newRule: "Annotate only the number, without currency symbols.",
        newLabels: ["500"],
      },
    ],
    zh: [
      {
        text: "他读了两遍《战争与和平》。",
        schema: "作品",
        labels: ["战争与和平"],
        newRule: "作品名包含书名号。",
        newLabels: ["《战争与和平》"],
      },
      {
        text: "该公司支付了500元手续费。",
        schema: "金额",
        labels: ["500元"],
        newRule: "只标注数字，不包含单位。",
        newLabels: ["500"],
      },
    ],
  },
  // A symbol or digit inside a span, or a symbol right next to one in the text.
  applies: (candidate) =>
    candidate.pairs === null &&
    candidate.spans.some(
      (span) => SYMBOL.test(span) || /\d/.test(span) || touchesSymbol(candidate.text, span),
    ),
};

const nesting: Strategy = {
  name: "nesting",
  title: { en: "Nesting", zh: "嵌套" },
  description: {
    en: "Decide whether spans nested inside a longer span count on their own, for example whether Beijing within Beijing Sport University is also a location.",
    zh: "决定嵌套在较长实体内部的实体是否单独计数，例如“北京体育大学”中的“北京”是否也算地点。",
  },
  examples: {
    en: [
      {
        text: "They flew from New York City to Beijing Capital International Airport.",
        schema: "location",
        labels: ["New York City", "Beijing Capital International Airport"],
        newRule: "Also annotate locations nested inside longer names.",
        newLabels: ["New York City", "Beijing Capital International Airport", "Beijing"],
      },
      {
        text: "He joined the Department of Physics of Peking University.",
        schema: "organization",
        labels: ["Department of Physics of Peking University", "Peking University"],
        newRule:
          "Annotate only the outermost organization; nested organizations are not annotated separately.",
        newLabels: ["Department of Physics of Peking University"],
      },
    ],
    zh: [
      {
        text: "他从北京首都国际机场飞往上海。",
        schema: "地点",
        labels: ["北京首都国际机场", "上海"],
        newRule: "嵌套在较长名称中的地名也要单独标注。",
        newLabels: ["北京首都国际机场", "上海", "北京"],
      },
      {
        text: "他加入了北京大学物理学院。",
        schema: "组织机构",
        labels: ["北京大学物理学院", "北京大学"],
        newRule: "只标注最外层的组织机构，嵌套的组织机构不单独标注。",
        newLabels: ["北京大学物理学院"],
      },
    ],
  },
  // Nested annotated spans, or a span long enough to hold another name.
  applies: (candidate) =>
    candidate.pairs === null &&
    candidate.spans.some(
      (span) =>
        isLong(span, candidate.lang, 4) ||
        candidate.allSpans.some((other) => other !== span && (other.includes(span) || span.includes(other))),
    ),
};

const reverse: Strategy = {
  name: "reverse",
  title: { en: "Reverse", zh: "反转" },
  description: {
    en: "Swap subject and object of the relation, reading the relation label in its inverse sense (directed ↔ directed by). The new labels are the swapped subject-object pairs.",
    zh: "按照关系标签的反向语义交换主语和宾语（导演 ↔ 由……导演）。新标注是交换后的主语-宾语对。",
  },
  examples: {
    en: [
      {
        text: "James Cameron directed Avatar.",
        schema: "directed",
        labels: [{ subject: "James Cameron", object: "Avatar" }],
        newRule: "Read the relation as 'directed by': the subject is the film, the object its director.",
        newLabels: [{ subject: "Avatar", object: "James Cameron" }],
      },
      {
        text: "Steve Jobs founded Apple in 1976.",
        schema: "founder",
        labels: [{ subject: "Apple", object: "Steve Jobs" }],
        newRule: "Read the relation as 'founded': the subject is the person, the object the company.",
        newLabels: [{ subject: "Steve Jobs", object: "Apple" }],
      },
    ],
    zh: [
      {
        text: "卡梅隆执导了《阿凡达》。",
        schema: "导演",
        labels: [{ subject: "阿凡达", object: "卡梅隆" }],
        newRule: "主语为导演，宾语为其执导的作品。",
        newLabels: [{ subject: "卡梅隆", object: "阿凡达" }],
      },
      {
        text: "马云创立了阿里巴巴。",
        schema: "创始人",
        labels: [{ subject: "阿里巴巴", object: "马云" }],
        newRule: "主语为创始人，宾语为其创立的公司。",
        newLabels: [{ subject: "马云", object: "阿里巴巴" }],
      },
    ],
  },
  applies: (candidate) => candidate.pairs !== null && candidate.pairs.length > 0,
};

export const STRATEGIES: readonly Strategy[] = [
  boundaries,
  numerical,
  granularity,
  punctuation,
  nesting,
  reverse,
];

export function strategyByName(name: string): Strategy {
  const strategy = STRATEGIES.find((s) => s.name === name);
  if (!strategy) throw new Error(`unknown strategy "${name}"; known: ${STRATEGY_NAMES.join(", ")}`);
  return strategy;
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
