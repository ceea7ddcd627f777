import { existsSync } from "node:fs";
import type { Command } from "commander";
import {
  authoringJob,
  collectAuthoringTargets,
  describedLabelCount,
  emptyDictionary,
  loadDictionary,
  saveDictionary,
} from "../dictionary/index.ts";
import { refuseOutputOverInput, sameFile } from "../io/index.ts";
import { runLlmJob } from "../llm/index.ts";
import { dictCommand } from "./dict.ts";
import { addInputOptions, datasetInputs, type InputFlags } from "./input-options.ts";
import {
  addLlmOptions,
  answerOrExport,
  type LlmFlags,
  type LlmMode,
  plannedOutputs,
  RUN_MODE,
} from "./llm-options.ts";
import { parsePositiveInteger, parseSeed } from "./option-parsers.ts";

interface DictAuthorFlags extends LlmFlags, InputFlags {
  out: string;
  dictionary?: string;
  paraphrases: number;
  synonyms: number;
  examples: number;
  seed: number;
}

/**
 * `hum dict author`, added to the `dict` group beside `hum dict mine` (whichever registers first creates
 * it). In plan mode (`hum llm export-batch … dict author …`) it makes no call and writes no dictionary:
 * its uncached requests go to the batch file.
 */
export function registerDictAuthorCommand(program: Command, mode: LlmMode = RUN_MODE): void {
  const command = addInputOptions(dictCommand(program).command("author"))
    .description("ask an LLM for label descriptions, synonyms, values, roles and inverses (unreviewed)")
    .requiredOption("-o, --out <dictionary>", "the dictionary to write (YAML, or JSON for .json)")
    .option(
      "--dictionary <file>",
      "an existing dictionary to complete (reviewed entries are kept as they are)",
    )
    .option("--paraphrases <n>", "descriptions per label", parsePositiveInteger, 3)
    .option("--synonyms <n>", "synonyms per label", parsePositiveInteger, 3)
    .option("--examples <n>", "data texts shown per label in the prompt", parsePositiveInteger, 3)
    .option("--seed <n>", "seed of which texts are shown", parseSeed, 42);
  addLlmOptions(command).action((flags: DictAuthorFlags) => dictAuthor(flags, mode));
}

async function dictAuthor(flags: DictAuthorFlags, mode: LlmMode): Promise<void> {
  refuseOutputOverInput(plannedOutputs(mode, flags.out), flags.input);
  const counts = { paraphrases: flags.paraphrases, synonyms: flags.synonyms };
  const existing = flags.dictionary ? loadDictionary(flags.dictionary) : emptyDictionary();
  const { targets, records, rejected } = await collectAuthoringTargets(datasetInputs(flags), {
    ...counts,
    examplesPerLabel: flags.examples,
    seed: flags.seed,
  });
  const job = authoringJob(targets, existing, counts);
  const asked = job.requests().length;
  const report = await runLlmJob(job, (requests) => answerOrExport(flags, mode, requests));
  if (report === null) return;
  const summary =
    `${records} records (${rejected} rejected), ${targets.length} labels: ${asked} asked, ` +
    `${report.filled} filled, ${report.failures.length} failed`;
  for (const failure of report.failures)
    console.log(`  failed ${failure.source}/${failure.label}: ${failure.reason}: ${failure.message}`);
  const previous = previousDescribedLabels(flags);
  const now = describedLabelCount(report.dictionary);
  if (previous !== null && now < previous) {
    // Failed requests must not cost the descriptions an earlier run wrote (they are cached: ask again).
    console.log(summary);
    throw new Error(
      `not replacing ${flags.out} (${previous} labels described) with a dictionary describing fewer ` +
        `(${now}); run again to retry the failed requests, or pass --dictionary ${flags.out} to complete it`,
    );
  }
  saveDictionary(flags.out, report.dictionary);
  console.log(`${summary} → ${flags.out}`);
}

/** How many labels the dictionary already at --out describes (null when there is none to lose). */
function previousDescribedLabels(flags: DictAuthorFlags): number | null {
  if (!existsSync(flags.out)) return null;
  if (flags.dictionary && sameFile(flags.dictionary, flags.out)) return null;
  try {
    return describedLabelCount(loadDictionary(flags.out));
  } catch {
    throw new Error(`${flags.out} exists but is not a dictionary; remove it or choose another --out`);
  }
}
