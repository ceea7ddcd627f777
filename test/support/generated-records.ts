import fc from "fast-check";
import { DictionaryMiner, type SchemaDictionary } from "../../src/dictionary/index.ts";
import { openJsonlOutput } from "../../src/io/index.ts";
import {
  type CanonicalRecord,
  LabelCollector,
  type LabelSet,
  type RecordKind,
} from "../../src/records/index.ts";
import { SeededRandom } from "../../src/util/seeded-random.ts";

/**
 * The one generator of synthetic canonical records, for tests and benchmarks. Three ways in:
 *   generateRecord / generateCorpus  seeded records of every kind (the golden cases and unit tests);
 *   anyRecord                        the same generator driven by fast-check (property tests);
 *   writeBenchRecords                bench-sized NER/RE/EE corpora with many labels (bench/).
 *
 * Seeded records: every span occurs in its text (often with an
 * offset), values carry the characters formats must escape (commas, pipes, quotes, parentheses, colons,
 * Chinese), and a few texts carry currency symbols, units and nested spans so the mechanical rules fire.
 * Spans never begin or end with whitespace, as annotated corpora never have them.
 */
const WORDS = [
  "Ada",
  "Lovelace",
  "Geneva",
  "Turing Award",
  "4,500",
  "A | B",
  '"Quoted"',
  "(paren)",
  "x: y",
  "北京",
  "星河科技",
  "O'Neil",
  "van der Berg",
  "None",
  "back\\slash",
  "Royal Society",
];
const FILLER = ["the", "met", "in", "and", "after", "report", "said", "on", "with", "paid", "—", "，"];
const ENTITY_TYPES = ["person", "location", "award", "money", "Treatment.Dosage", "人物", "type: odd"];
const RELATIONS = ["place of birth", "employer", "author", "residence", "country|capital"];
const EVENT_TYPES = ["attack", "elect", "transport", "收购"];
const ROLES = ["attacker", "target", "place", "time", "person"];
const GRAPH_TYPES = ["Works", "Person"];
const ATTRIBUTES = ["director", "composer", "occupation", "place of birth"];
const CLASSES = ["sports", "finance", "technology", "lottery"];

export const GENERATED_KINDS: readonly RecordKind[] = [
  "entities",
  "relations",
  "events",
  "tuples",
  "graph",
  "qa",
  "classification",
  "chat",
];

/** A text assembled from pieces, with each piece's offset known. */
class TextBuilder {
  text = "";
  add(piece: string): number {
    if (this.text !== "") this.text += " ";
    const start = this.text.length;
    this.text += piece;
    return start;
  }
}

function span(random: SeededRandom): string {
  const words = random.sample(WORDS, random.int(1, 2));
  return words.join(" ");
}

function filler(random: SeededRandom, text: TextBuilder): void {
  for (let i = random.int(0, 2); i > 0; i--) text.add(random.pick(FILLER));
}

/** One record of the given kind, fully determined by the seed. */
export function generateRecord(kind: RecordKind, seed: number | string, index = 0): CanonicalRecord {
  const random = new SeededRandom("generated", kind, seed, index);
  const source = `generated_${kind}`;
  const common = { id: `${kind}-${seed}-${index}`, source, lang: random.chance(0.2) ? "zh" : "en" } as const;
  const text = new TextBuilder();
  switch (kind) {
    case "entities":
      return { kind, ...common, ...entities(random, text) };
    case "relations": {
      const relations = [];
      for (let i = random.int(0, 3); i > 0; i--) {
        filler(random, text);
        const subject = span(random);
        const subjectStart = text.add(subject);
        filler(random, text);
        const object = span(random);
        const objectStart = text.add(object);
        const relation = random.pick(RELATIONS);
        relations.push({
          subject,
          relation,
          object,
          subject_type: `${relation}-s`,
          object_type: `${relation}-o`,
          subject_start: subjectStart,
          object_start: objectStart,
        });
      }
      text.add("end");
      return { kind, ...common, text: text.text, relations };
    }
    case "events": {
      const events = [];
      const used = new Set<string>();
      for (let i = random.int(0, 2); i > 0; i--) {
        const type = random.pick(EVENT_TYPES);
        filler(random, text);
        const trigger = `${random.pick(["attacked", "elected", "moved", "收购"])}${i}`;
        if (used.has(`${type}\u0000${trigger}`)) continue;
        used.add(`${type}\u0000${trigger}`);
        const triggerStart = text.add(trigger);
        const args = [];
        for (let j = random.int(0, 3); j > 0; j--) {
          filler(random, text);
          const value = span(random);
          args.push({ role: random.pick(ROLES), text: value, start: text.add(value) });
        }
        events.push({ type, trigger, trigger_start: triggerStart, arguments: args });
      }
      text.add("end");
      return { kind, ...common, text: text.text, events };
    }
    case "tuples": {
      const tuples = [];
      for (let i = random.int(1, 3); i > 0; i--) {
        const tuple: { subject: string; predicate: string; object?: string; time?: string } = {
          subject: span(random),
          predicate: random.pick(["published", "plant", "floods"]),
        };
        text.add(tuple.subject);
        text.add(tuple.predicate);
        if (random.chance(0.8)) text.add((tuple.object = span(random)));
        if (random.chance(0.4)) text.add((tuple.time = random.pick(["In 1905", "every spring"])));
        tuples.push(tuple);
      }
      return { kind, ...common, text: text.text, tuples };
    }
    case "graph": {
      const entities = [];
      const names = new Set<string>();
      for (let i = random.int(0, 2); i > 0; i--) {
        const name = span(random);
        if (names.has(name)) continue;
        names.add(name);
        text.add(name);
        const attributes: Record<string, string | string[]> = {};
        for (const attribute of random.sample(ATTRIBUTES, random.int(0, 2))) {
          const values = [span(random), span(random)].slice(0, random.int(1, 2));
          for (const value of values) text.add(value);
          attributes[attribute] = values.length === 1 ? values[0] : [...new Set(values)];
        }
        entities.push({ type: random.pick(GRAPH_TYPES), name, attributes });
      }
      text.add("end");
      return { kind, ...common, text: text.text, entities };
    }
    case "qa": {
      const answer = span(random);
      filler(random, text);
      const start = text.add(answer);
      filler(random, text);
      if (random.chance(0.4)) {
        const choices = random.shuffle(
          [answer, "a novel", "a letter"].filter((c, i, all) => all.indexOf(c) === i),
        );
        return {
          kind,
          ...common,
          source: `${source}_choice`,
          text: text.text,
          question: "Which?",
          answer,
          choices,
        };
      }
      const answerable = random.chance(0.8);
      return {
        kind,
        ...common,
        text: text.text,
        question: "What?",
        answer: answerable ? answer : null,
        ...(answerable ? { answer_start: start } : {}),
      };
    }
    case "classification":
      text.add(span(random));
      filler(random, text);
      return { kind, ...common, text: text.text, label: random.pick(CLASSES) };
    case "chat":
      return {
        kind,
        ...common,
        instruction: "Rewrite the sentence.",
        input: span(random),
        output: span(random),
      };
  }
}

function entities(random: SeededRandom, text: TextBuilder) {
  const list: Array<{ text: string; type: string; start: number; end: number }> = [];
  for (let i = random.int(0, 4); i > 0; i--) {
    filler(random, text);
    if (random.chance(0.2)) {
      // A currency amount, or a span with a span nested inside it.
      const money = random.pick(["$ 194,000", "$ 775,000", "12 %"]);
      const start = text.add(money);
      const core = money.replace(/^\$ /, "").replace(/ %$/, "");
      const offset = money.indexOf(core);
      list.push({ text: core, type: "money", start: start + offset, end: start + offset + core.length });
      continue;
    }
    const value = span(random);
    const start = text.add(value);
    const type = random.pick(ENTITY_TYPES);
    list.push({ text: value, type, start, end: start + value.length });
    if (random.chance(0.2) && value.includes(" ")) {
      const inner = value.split(" ")[0];
      list.push({ text: inner, type: random.pick(ENTITY_TYPES), start, end: start + inner.length });
    }
  }
  text.add("end");
  return { text: text.text, entities: list };
}

/** `count` records cycling through the kinds, with the label universe of each source. */
export function generateCorpus(
  count: number,
  seed: number | string,
  kinds: readonly RecordKind[] = GENERATED_KINDS,
): { records: CanonicalRecord[]; labels: Map<string, LabelSet> } {
  const records = Array.from({ length: count }, (_, index) =>
    generateRecord(kinds[index % kinds.length], seed, index),
  );
  const collector = new LabelCollector();
  for (const record of records) collector.add(record);
  const labels = new Map<string, LabelSet>();
  for (const source of collector.sources()) labels.set(source, collector.labelSet(source)!);
  return { records, labels };
}

/**
 * A dictionary for generated records: examples mined from them, and for every label two descriptions,
 * a synonym, role descriptions and (relations) an inverse name, as a person would write them.
 */
export function generatedDictionary(records: readonly CanonicalRecord[], seed = 1): SchemaDictionary {
  const miner = new DictionaryMiner({ seed });
  for (const record of records) miner.add(record);
  const dictionary = miner.result();
  for (const source of Object.values(dictionary.sources)) {
    for (const [index, [label, entry]] of Object.entries(source.labels).entries()) {
      // Descriptions never say the label's name: a masked label keeps its description.
      entry.descriptions = [
        `What type number ${index} means, said one way.`,
        `What type number ${index} means, said another way.`,
      ];
      entry.synonyms = [`${label} (synonym)`];
      if (source.kind === "relations") entry.inverse = `${label} (inverse)`;
      if (source.kind === "events")
        entry.roles = Object.fromEntries(
          ROLES.map((role) => [role, { descriptions: [`The ${role} of it.`] }]),
        );
    }
  }
  return dictionary;
}

/** fast-check records: the seeded generator above, with kind, seed and index drawn by fast-check. */
export const anyRecord: fc.Arbitrary<CanonicalRecord> = fc
  .tuple(fc.constantFrom(...GENERATED_KINDS), fc.nat(), fc.nat(1000))
  .map(([kind, seed, index]) => generateRecord(kind, seed, index));

// Bench-sized corpora: longer texts and larger label sets (up to 14 types) than the records above, as a
// real NER/RE/EE dataset has; the bench figures in docs/performance.md were measured on these.

const BENCH_WORDS =
  "the of a report market city council river company signed agreement with on after during".split(" ");
const NAMES = ["Ada Park", "Bo Chen", "Cara Diaz", "Dev Rao", "Eli Moss", "Fay Lund", "Gus Hart", "Hana Ito"];
const PLACES = ["Lisbon", "Osaka", "Quito", "Tallinn", "Accra", "Perth", "Hanoi", "Bergen"];

export type BenchTask = "NER" | "RE" | "EE";

function benchSentence(random: SeededRandom, spans: string[]): string {
  const words: string[] = [];
  for (const span of spans) {
    for (let i = random.int(3, 8); i > 0; i--) words.push(random.pick(BENCH_WORDS));
    words.push(span);
  }
  words.push(...Array.from({ length: random.int(3, 8) }, () => random.pick(BENCH_WORDS)));
  return `${words.join(" ")}.`;
}

function nerRecord(random: SeededRandom, i: number) {
  const entities = Array.from({ length: random.int(1, 4) }, () =>
    random.chance(0.5)
      ? { text: random.pick(NAMES), type: `person_${random.int(0, 5)}` }
      : { text: random.pick(PLACES), type: `place_${random.int(0, 6)}` },
  );
  return {
    kind: "entities",
    id: `n${i}`,
    source: "bench_ner",
    lang: "en",
    text: benchSentence(
      random,
      entities.map((e) => e.text),
    ),
    entities,
  };
}

function reRecord(random: SeededRandom, i: number) {
  const relations = Array.from({ length: random.int(1, 3) }, () => ({
    subject: random.pick(NAMES),
    relation: `relation_${random.int(0, 13)}`,
    object: random.pick(PLACES),
    subject_type: "person",
    object_type: "place",
  }));
  const spans = relations.flatMap((r) => [r.subject, r.object]);
  return {
    kind: "relations",
    id: `r${i}`,
    source: "bench_re",
    lang: "en",
    text: benchSentence(random, spans),
    relations,
  };
}

function eeRecord(random: SeededRandom, i: number) {
  const events = Array.from({ length: random.int(1, 2) }, () => ({
    type: `event_${random.int(0, 9)}`,
    trigger: random.pick(["signed", "attacked", "moved", "elected"]),
    arguments: [
      { role: `role_${random.int(0, 4)}`, text: random.pick(NAMES) },
      { role: `role_${random.int(0, 4)}`, text: random.pick(PLACES) },
    ],
  }));
  const spans = events.flatMap((e) => [e.trigger, ...e.arguments.map((a) => a.text)]);
  return {
    kind: "events",
    id: `e${i}`,
    source: "bench_ee",
    lang: "en",
    text: benchSentence(random, spans),
    events,
  };
}

const BENCH_MAKERS = { NER: nerRecord, RE: reRecord, EE: eeRecord };

/** Write `count` records of a task to a JSONL file. */
export async function writeBenchRecords(
  path: string,
  task: BenchTask,
  count: number,
  seed = 1,
): Promise<void> {
  const random = new SeededRandom(seed, task, "bench");
  const writer = openJsonlOutput(path);
  for (let i = 0; i < count; i++) writer.write(BENCH_MAKERS[task](random, i));
  writer.commit();
}
