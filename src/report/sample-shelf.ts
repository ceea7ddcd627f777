import { compareCodeUnits } from "../util/index.ts";
/** An instruction kept for browsing in the report. */
export interface SampledInstruction {
  id: string;
  source: string;
  lang: string;
  instruction: string;
  output: string;
}

/**
 * A few instructions per (task, strategy): those with the smallest ids. Ids are hashes, so this is a
 * seeded uniform sample that does not depend on line order, and memory holds `size` per group.
 */
export class SampleShelf {
  readonly #size: number;
  readonly #groups = new Map<string, Map<string, SampledInstruction[]>>();

  constructor(size: number) {
    this.#size = size;
  }

  offer(task: string, strategy: string, line: SampledInstruction): void {
    let byStrategy = this.#groups.get(task);
    if (!byStrategy) this.#groups.set(task, (byStrategy = new Map()));
    const kept = byStrategy.get(strategy) ?? [];
    byStrategy.set(strategy, kept);
    if (kept.length >= this.#size && line.id >= kept[kept.length - 1].id) return;
    const sample = {
      id: line.id,
      source: line.source,
      lang: line.lang,
      instruction: line.instruction,
      output: line.output,
    };
    let at = kept.length;
    while (at > 0 && kept[at - 1].id > line.id) at--;
    kept.splice(at, 0, sample);
    if (kept.length > this.#size) kept.pop();
  }

  result(): Record<string, Record<string, SampledInstruction[]>> {
    const order = (keys: Iterable<string>) => [...keys].sort(compareCodeUnits);
    return Object.fromEntries(
      order(this.#groups.keys()).map((task) => {
        const byStrategy = this.#groups.get(task)!;
        return [task, Object.fromEntries(order(byStrategy.keys()).map((s) => [s, byStrategy.get(s)!]))];
      }),
    );
  }
}
