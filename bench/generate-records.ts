import { openJsonlOutput } from "../src/io/index.ts";
import { SeededRandom } from "../src/util/seeded-random.ts";

/** Seeded synthetic corpora for benchmarks: realistic sizes, spans that really occur in the text. */

const WORDS = "the of a report market city council river company signed agreement with on after during".split(
  " ",
);
const NAMES = ["Ada Park", "Bo Chen", "Cara Diaz", "Dev Rao", "Eli Moss", "Fay Lund", "Gus Hart", "Hana Ito"];
const PLACES = ["Lisbon", "Osaka", "Quito", "Tallinn", "Accra", "Perth", "Hanoi", "Bergen"];

export type BenchTask = "NER" | "RE" | "EE";

function sentence(random: SeededRandom, spans: string[]): string {
  const words: string[] = [];
  for (const span of spans) {
    for (let i = random.int(3, 8); i > 0; i--) words.push(random.pick(WORDS));
    words.push(span);
  }
  words.push(...Array.from({ length: random.int(3, 8) }, () => random.pick(WORDS)));
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
    text: sentence(
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
    text: sentence(random, spans),
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
    text: sentence(random, spans),
    events,
  };
}

const MAKERS = { NER: nerRecord, RE: reRecord, EE: eeRecord };

export function generateRecord(task: BenchTask, random: SeededRandom, i: number): object {
  return MAKERS[task](random, i);
}

/** Write `count` records of a task to a JSONL file. */
export async function writeRecords(path: string, task: BenchTask, count: number, seed = 1): Promise<void> {
  const random = new SeededRandom(seed, task, "bench");
  const writer = openJsonlOutput(path);
  for (let i = 0; i < count; i++) writer.write(generateRecord(task, random, i));
  writer.commit();
}
