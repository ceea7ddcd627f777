// What `hum dict author` does, loaded when it runs (dict-author.ts defines its flags and help).
import { existsSync } from "node:fs";
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
import type { DictAuthorFlags } from "./dict-author.ts";
import { datasetInputs } from "./input-options.ts";
import { answerOrExport } from "./llm-client.ts";
import { type LlmMode, plannedOutputs } from "./llm-options.ts";

export async function dictAuthor(flags: DictAuthorFlags, mode: LlmMode): Promise<void> {
  refuseOutputOverInput(plannedOutputs(mode, flags.out), flags.input);
  const counts = { paraphrases: flags.paraphrases, synonyms: flags.synonyms };
  const existing = flags.dictionary ? loadDictionary(flags.dictionary) : emptyDictionary();
  const { targets, records, rejected } = await collectAuthoringTargets(await datasetInputs(flags), {
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
