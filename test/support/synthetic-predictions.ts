import type { EvalDatasetName, PredictionRecord } from "../../src/eval/index.ts";
import type { MatchCounts } from "../../src/eval/tuple-matching.ts";
import type { TaskName } from "../../src/tasks/index.ts";
import { pythonJson } from "../../src/util/python-json.ts";
import { SeededRandom } from "../../src/util/seeded-random.ts";

/** Seeded edits of a gold NER answer, each with an exactly known effect on the counts. */
export type Perturbation = "drop" | "add" | "swap" | "mistype" | "reorder";

export const PERTURBATIONS: readonly Perturbation[] = ["drop", "add", "swap", "mistype", "reorder"];

type Keyed = Record<string, string[]>;

/**
 * Apply one perturbation to an NER answer whose entity texts are all distinct, returning the edited
 * answer and the change in set-matching counts (predicted, correct) it causes; undefined when the
 * answer has too few entities for it (the caller then leaves the output as it is).
 */
export function perturbNer(
  answer: Keyed,
  perturbation: Perturbation,
  random: SeededRandom,
): { answer: Keyed; predicted: number; correct: number } | undefined {
  const copy: Keyed = Object.fromEntries(Object.entries(answer).map(([k, v]) => [k, v.slice()]));
  const labels = Object.keys(copy);
  const entities = labels.flatMap((type) => copy[type].map((text) => ({ type, text })));
  switch (perturbation) {
    case "drop": {
      if (entities.length === 0) return undefined;
      const { type, text } = random.pick(entities);
      copy[type] = copy[type].filter((t) => t !== text);
      return { answer: copy, predicted: -1, correct: -1 };
    }
    case "add":
      copy[random.pick(labels)].push(`extra-${random.int(0, 1e9)}`);
      return { answer: copy, predicted: 1, correct: 0 };
    case "swap": {
      const pairs = entities.flatMap((a, i) =>
        entities
          .slice(i + 1)
          .filter((b) => b.type !== a.type)
          .map((b) => [a, b]),
      );
      if (pairs.length === 0) return undefined;
      const [a, b] = random.pick(pairs);
      copy[a.type] = copy[a.type].map((t) => (t === a.text ? b.text : t));
      copy[b.type] = copy[b.type].map((t) => (t === b.text ? a.text : t));
      return { answer: copy, predicted: 0, correct: -2 };
    }
    case "mistype": {
      if (entities.length === 0 || labels.length < 2) return undefined;
      const { type, text } = random.pick(entities);
      const other = random.pick(labels.filter((l) => l !== type));
      copy[type] = copy[type].filter((t) => t !== text);
      copy[other].push(text);
      return { answer: copy, predicted: 0, correct: -1 };
    }
    case "reorder":
      return {
        answer: Object.fromEntries(labels.reverse().map((l) => [l, copy[l].slice().reverse()])),
        predicted: 0,
        correct: 0,
      };
  }
}

export interface SyntheticSet {
  predictions: PredictionRecord[];
  /** Set-matching counts the predictions must score. */
  expected: MatchCounts;
}

const LABELS: Record<"NER" | "RE" | "EE", string[]> = {
  NER: ["person", "organisation", "location", "award", "field", "country"],
  RE: ["author", "capital", "place of birth", "employer"],
  EE: ["acquisition", "investment", "lawsuit", "pledge"],
};

const DATASET: Record<"NER" | "RE" | "EE", EvalDatasetName> = { NER: "crossner", RE: "fewrel", EE: "fewfc" };

/**
 * `count` seeded predictions of one task, one chunk per record, each output the gold answer in IEPile
 * JSON with a seeded NER perturbation on `perturbedShare` of them. For tests and the scoring benchmark.
 */
export function syntheticPredictions(
  task: "NER" | "RE" | "EE",
  count: number,
  seed: number,
  perturbedShare = 0.5,
): SyntheticSet {
  const expected: MatchCounts = { predicted: 0, gold: 0, correct: 0 };
  const predictions = [...syntheticPredictionStream(task, count, seed, perturbedShare, expected)];
  return { predictions, expected };
}

/**
 * The same predictions one at a time, never held together (the memory benchmark scores a million);
 * the counts they must score are added to `expected` as they are made.
 */
export function* syntheticPredictionStream(
  task: "NER" | "RE" | "EE",
  count: number,
  seed: number,
  perturbedShare = 0.5,
  expected: MatchCounts = { predicted: 0, gold: 0, correct: 0 },
): Generator<PredictionRecord> {
  for (let n = 0; n < count; n++) {
    const random = new SeededRandom(seed, task, n);
    const recordId = `synthetic/${task}/${n}`;
    const labels = LABELS[task];
    const label = goldAnswer(task, labels, random, n);
    let output = label;
    let delta = { predicted: 0, correct: 0 };
    if (task === "NER" && random.chance(perturbedShare)) {
      const perturbed = perturbNer(label as Keyed, random.pick(PERTURBATIONS), random);
      if (perturbed) {
        output = perturbed.answer;
        delta = perturbed;
      }
    }
    const size = tupleCount(task, label);
    expected.gold += size;
    expected.predicted += size + delta.predicted;
    expected.correct += size + delta.correct;
    yield record(task, recordId, labels, label, pythonJson(output));
  }
}

function goldAnswer(task: "NER" | "RE" | "EE", labels: string[], random: SeededRandom, n: number): unknown {
  const answer: Record<string, unknown[]> = Object.fromEntries(labels.map((l) => [l, []]));
  const size = random.int(0, 4);
  for (let k = 0; k < size; k++) {
    const type = random.pick(labels);
    if (task === "NER") answer[type].push(`entity ${n}-${k}`);
    else if (task === "RE") answer[type].push({ subject: `subject ${n}-${k}`, object: `object ${n}-${k}` });
    else
      answer[type].push({
        trigger: `trigger ${n}-${k}`,
        arguments: { sub: `company ${n}-${k}`, date: `day ${k}` },
      });
  }
  return answer;
}

function tupleCount(_task: TaskName, answer: unknown): number {
  return Object.values(answer as Record<string, unknown[]>).reduce((sum, list) => sum + list.length, 0);
}

function record(
  task: "NER" | "RE" | "EE",
  recordId: string,
  labels: string[],
  label: unknown,
  output: string,
): PredictionRecord {
  return {
    id: recordId,
    dataset: DATASET[task],
    variant: "B",
    task,
    source: DATASET[task],
    lang: "en",
    record_id: recordId,
    instruction: "",
    chunk:
      task === "EE"
        ? { labels, roles: Object.fromEntries(labels.map((l) => [l, ["sub", "date"]])) }
        : { labels },
    format: "json",
    label,
    reference_output: "",
    output,
  };
}
