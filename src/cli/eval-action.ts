// What `hum eval build | run | reference | score` do, loaded when they run (eval.ts defines their flags).
import type { EvalDatasetName, PredictionDetail, ScoreOptions } from "../eval/index.ts";
import {
  buildEvalSets,
  evalSetFiles,
  formatReportTable,
  readLabelDescriptions,
  readPredictionBatches,
  runEval,
  scoreIepilePredictions,
  scorePredictionBatches,
  writeReferencePredictions,
} from "../eval/index.ts";
import { openJsonlOutput, refuseOutputOverInput, UsageError } from "../io/index.ts";
import type { BuildFlags, RunFlags, ScoreFlags } from "./eval.ts";
import { clientOptionsFor } from "./llm-client.ts";
import { type LlmMode, plannedOutputs } from "./llm-options.ts";

export async function build(flags: BuildFlags): Promise<void> {
  const overrides: Partial<Record<EvalDatasetName, string>> = {};
  for (const name of ["crossner", "fewrel", "fewfc", "c3", "imdb"] as const)
    if (flags[name]) overrides[name] = flags[name];
  if (!flags.datasets && Object.keys(overrides).length === 0)
    throw new UsageError("no data: give --datasets <dir> or a per-set path such as --crossner <dir>");
  refuseOutputOverInput([flags.out], [flags.datasets, ...Object.values(overrides), flags.dictionary]);
  const manifest = await buildEvalSets({
    datasets: flags.datasets,
    overrides,
    out: flags.out,
    seed: flags.seed,
    examplePool: flags.examplePool,
    formatShare: flags.formatShare,
    descriptions: flags.dictionary ? readLabelDescriptions(flags.dictionary) : undefined,
  });
  for (const set of manifest.sets) {
    const { read, rejected, example_pool, scored } = set.records;
    console.log(
      `${set.title}: ${read} records read, ${rejected} rejected, ${example_pool} held out as examples, ` +
        `${scored} scored; ${set.instructions.B} B and ${set.instructions.C} C instructions`,
    );
  }
  if (manifest.missing.length > 0) console.log(`not found (skipped): ${manifest.missing.join(", ")}`);
  if (manifest.sets.length === 0)
    throw new Error(
      `no eval set was built: none of the datasets was found${flags.datasets ? ` in ${flags.datasets}` : ""} ` +
        "(see `hum eval build --help` for the layout)",
    );
}

export async function run(flags: RunFlags, mode: LlmMode): Promise<void> {
  refuseOutputOverInput(plannedOutputs(mode, flags.out), evalSetFiles(flags.sets));
  const report = await runEval({
    sets: flags.sets,
    out: flags.out,
    client: clientOptionsFor(flags, mode),
    params: { temperature: flags.temperature, top_p: flags.topP, max_tokens: flags.maxTokens },
    mode,
  });
  if ("batchOut" in report)
    console.log(
      `planned ${report.planned} requests: ${report.cached} already cached, ${report.written} written to ${report.batchOut}`,
    );
  else console.log(`${report.predictions} predictions (${report.failed} failed requests) → ${report.out}`);
}

export async function reference(flags: { sets: string; out: string }): Promise<void> {
  refuseOutputOverInput([flags.out], evalSetFiles(flags.sets));
  const count = await writeReferencePredictions(flags.sets, flags.out);
  console.log(`${count} reference predictions → ${flags.out}`);
}

export async function score(flags: ScoreFlags): Promise<void> {
  if (flags.format === "iepile" && !flags.task)
    throw new UsageError("--format iepile needs --task (NER, RE, EE, EET or EEA)");
  refuseOutputOverInput([flags.details], [flags.predictions]);
  const details = flags.details ? openJsonlOutput(flags.details) : undefined;
  const options: ScoreOptions = {
    compat: flags.compat,
    normalize: flags.normalize,
    onPrediction: details ? (detail: PredictionDetail) => details.write(detail) : undefined,
  };
  try {
    const report =
      flags.format === "iepile"
        ? await scoreIepilePredictions(flags.predictions, flags.task!, options)
        : await scorePredictionBatches(readPredictionBatches(flags.predictions), options);
    details?.commit();
    if (flags.json) console.log(JSON.stringify(report, null, 2));
    else console.log(formatReportTable(report, flags.name ?? flags.predictions));
  } finally {
    details?.abort();
  }
}
