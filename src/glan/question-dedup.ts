// Near-identical questions are dropped before anyone pays for their answers. Two tests, in order:
// the same text after normalisation (case, width, punctuation, spacing) anywhere in the run, then
// word-trigram Jaccard similarity at or above a threshold against the kept questions of the same
// syllabus, where near-copies come from (the same sessions sampled twice). Chinese and other scripts
// written without spaces are compared on character trigrams.

export interface DedupVerdict {
  duplicateOf: string;
  similarity: number;
}

export class QuestionDeduplicator {
  readonly #threshold: number;
  readonly #exact = new Map<string, string>();
  readonly #byGroup = new Map<string, { id: string; shingles: Set<string> }[]>();

  constructor(threshold: number) {
    this.#threshold = threshold;
  }

  /** Null when the question is new (and remembers it); else the id it repeats. */
  check(id: string, group: string, text: string): DedupVerdict | null {
    const normal = normalizeQuestion(text);
    const same = this.#exact.get(normal);
    if (same !== undefined) return { duplicateOf: same, similarity: 1 };
    const shingles = trigramShingles(normal);
    const kept = this.#byGroup.get(group) ?? [];
    for (const other of kept) {
      const similarity = jaccard(shingles, other.shingles);
      if (similarity >= this.#threshold) return { duplicateOf: other.id, similarity };
    }
    this.#exact.set(normal, id);
    kept.push({ id, shingles });
    this.#byGroup.set(group, kept);
    return null;
  }
}

export function normalizeQuestion(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function trigramShingles(normal: string): Set<string> {
  const words = normal.split(" ").filter((word) => word !== "");
  const spaced = words.length >= 3 && normal.length / words.length < 20;
  const units = spaced ? words : [...normal.replace(/ /g, "")];
  const shingles = new Set<string>();
  if (units.length < 3) shingles.add(units.join(" "));
  for (let index = 0; index + 3 <= units.length; index++)
    shingles.add(units.slice(index, index + 3).join(" "));
  return shingles;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const shingle of a) if (b.has(shingle)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}
