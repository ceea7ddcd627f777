// What `hum rules` does, loaded when it runs (rules.ts defines its flags and help).
import { loadDictionary } from "../dictionary/index.ts";
import { refuseOutputOverInput, writeJsonlFile } from "../io/index.ts";
import { runLlmJob } from "../llm/index.ts";
import { countReasons, ruleAnnotationJob, sampleRuleCandidates } from "../rules/index.ts";
import { datasetInputs } from "./input-options.ts";
import { answerOrExport } from "./llm-client.ts";
import { type LlmMode, plannedOutputs } from "./llm-options.ts";
import type { RulesFlags } from "./rules.ts";

export async function annotateRules(flags: RulesFlags, mode: LlmMode): Promise<void> {
  const rejectsPath = `${flags.out}.rejects.jsonl`;
  refuseOutputOverInput(plannedOutputs(mode, flags.out, rejectsPath), [...flags.input, flags.dictionary]);
  const dictionary = loadDictionary(flags.dictionary);
  const { sampled, records, rejected } = await sampleRuleCandidates(await datasetInputs(flags), {
    perStrategy: flags.perStrategy,
    seed: flags.seed,
  });
  const job = ruleAnnotationJob(sampled, dictionary);
  const outcome = await runLlmJob(job, (requests) => answerOrExport(flags, mode, requests));
  if (outcome === null) return;
  writeJsonlFile(rejectsPath, outcome.rejected);
  // No accepted rule: the previous --out (if any) stays, and the exit code says the run made nothing.
  if (outcome.accepted.length > 0) writeJsonlFile(flags.out, outcome.accepted);
  const reasons = countReasons(outcome.rejected)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(", ");
  console.log(
    `${records} records (${rejected} rejected), ${sampled.length} asked: ${outcome.accepted.length} accepted, ` +
      `${outcome.rejected.length} rejected${reasons ? ` (${reasons})` : ""} → ` +
      `${outcome.accepted.length > 0 ? `${flags.out}, ` : ""}${rejectsPath}`,
  );
  if (outcome.accepted.length === 0)
    throw new Error(`no rule was accepted, ${flags.out} not written; see ${rejectsPath}`);
}
