// What `hum synth` does, loaded when it runs (synth.ts defines its flags and help without the library).
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import {
  DataError,
  describeIssues,
  readTextFile,
  refuseOutputOverInput,
  UsageError,
  writeFileAtomic,
} from "../io/index.ts";
import type { DatasetInput } from "../readers/index.ts";
import { labelMapOption } from "../readers/index.ts";
import type { RunFacts } from "../report/index.ts";
import type { HardNegatives } from "../synth/index.ts";
import {
  basicOnlyMix,
  basicOptionsFrom,
  compoundOptionsFrom,
  formatMix,
  formatSummary,
  isBasicOnly,
  loadSynthConfig,
  type MixReport,
  mergeSettings,
  parseShard,
  prepareCompound,
  type SynthSummary,
  settingsFromFlags,
  synthesize,
} from "../synth/index.ts";
import type { SynthCommandFlags } from "./synth.ts";

export async function synth(flags: SynthCommandFlags): Promise<void> {
  // First, as when commander parsed it: a bad --shard is the error, whatever else is missing.
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const config = flags.config ? loadSynthConfig(flags.config) : {};
  const settings = mergeSettings(config, settingsFromFlags(flags));
  const inputs: DatasetInput[] =
    flags.input.length > 0
      ? flags.input.map((path) => ({
          path,
          format: flags.format,
          labelMap: labelMapOption(flags.labelMap),
        }))
      : (config.inputs ?? []);
  const out = settings.out;
  if (inputs.length === 0) throw new UsageError("no input: give --input <file> or a --config with inputs");
  if (!out) throw new UsageError("no output: give --out <file.jsonl> or a --config with out");
  const hardNegativesPath = settings.hard_negatives;
  const summaryPath = settings.summary;
  refuseOutputOverInput(
    [out, `${out}.rejects.jsonl`, summaryPath, flags.report],
    [
      ...inputs.map((input) => input.path),
      flags.config,
      hardNegativesPath,
      settings.dictionary,
      settings.rules,
    ],
  );

  const basic = basicOptionsFrom(
    settings,
    hardNegativesPath ? readHardNegatives(hardNegativesPath) : undefined,
  );
  const options = await compoundOptionsFrom(settings);
  // Basic-only runs skip compound synthesis (nothing to decide): the workers read and render it all.
  const compound = isBasicOnly(options)
    ? { mix: (summary: SynthSummary) => basicOnlyMix(options, summary.instructions.by_task) }
    : await prepareCompound(inputs, basic, options).then((c) => ({
        expand: c.expand,
        firstPass: c.firstPass,
        parallel: c.parallel,
        mix: () => c.report(),
      }));

  const summary = await synthesize({
    inputs,
    out,
    ...basic,
    ...compound,
    // Unless asked: the cores, for inputs large enough to repay starting them.
    workers: flags.workers,
    shard,
    labelCache: LABEL_CACHE,
  });
  if (summaryPath) writeFileAtomic(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(formatSummary(summary));
  if (summary.mix) {
    const mix = summary.mix as MixReport;
    console.log(formatMix(mix));
    for (const warning of mix.warnings) console.error(`hum synth: warning: ${warning}`);
  }
  if (summary.instructions.total === 0)
    throw new Error(
      `no instruction was produced, ${out} not written` +
        (summary.records.rejected > 0 ? `; see ${summary.outputs.rejects}` : "") +
        (flags.format ? ` (is --format ${flags.format} right for these inputs?)` : ""),
    );
  if (flags.report) {
    const tokenizer = settings.tokenizer;
    const { writeCorpusReport } = await import("./report-action.ts");
    await writeCorpusReport(out, flags.report, {
      summary: summary as RunFacts,
      rejects: summary.outputs.rejects,
      countTokens: tokenizer ? options.countTokens : undefined,
    });
    console.log(`report written to ${flags.report}`);
  }
}

/** Where each input's label pass is kept while the input is unchanged (beside the LLM cache). */
const LABEL_CACHE = ".hum/labels";

const HardNegativesFile = z.record(z.string(), z.array(z.string()));

function readHardNegatives(path: string): HardNegatives {
  let value: unknown;
  try {
    value = parseYaml(readTextFile(path));
  } catch (error) {
    if (error instanceof Error && error.name === "YAMLParseError")
      throw new DataError(path, undefined, error.message);
    throw error;
  }
  const parsed = HardNegativesFile.safeParse(value);
  if (!parsed.success)
    throw new DataError(
      path,
      undefined,
      `hard negatives must map each label to a list of labels (${describeIssues(parsed.error.issues)})`,
    );
  return parsed.data;
}
