import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type SynthOptions, synthesize } from "../../src/synth/pipeline.ts";

type Base = Pick<SynthOptions, "seed" | "negativeRatio" | "schemaOrder">;

/**
 * One in-process synthesis into `dir/<name>.jsonl` with `base` settings, returning what a comparison
 * of runs needs: the summary without its timing and paths, the output and the rejects file.
 */
export async function synthRun(
  base: Base,
  dir: string,
  name: string,
  options: Omit<SynthOptions, "out" | keyof Base>,
) {
  const out = join(dir, `${name}.jsonl`);
  const summary = await synthesize({ ...base, ...options, out } as SynthOptions);
  return {
    summary: { ...summary, seconds: 0, outputs: undefined },
    out: readFileSync(out, "utf8"),
    rejects: readFileSync(`${out}.rejects.jsonl`, "utf8"),
  };
}
