// What `hum export` does, loaded when it runs (export.ts defines its flags and help).
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { exportCorpus, formatExportSummary, type SourceLicence } from "../export/index.ts";
import type { ExportFlags } from "./export.ts";

export async function exportInstructions(input: string, flags: ExportFlags): Promise<void> {
  const summary = await exportCorpus({
    input,
    out: flags.out,
    targets: flags.to,
    split: flags.split,
    seed: flags.seed,
    holdOutSources: flags.holdOutSource,
    holdOutSplit: flags.holdOutSplit,
    tokenizer: flags.tokenizer,
    maxInputTokens: flags.maxInputTokens,
    maxOutputTokens: flags.maxOutputTokens,
    system: flags.system,
    name: flags.name,
    llamafactoryFormat: flags.llamafactoryFormat,
    sourceLicences: flags.sourceLicences ? readSourceLicences(flags.sourceLicences) : undefined,
    synthConfig: flags.synthConfig ? readFileSync(flags.synthConfig, "utf8") : undefined,
    handoff:
      flags.trainConfig.length > 0
        ? {
            configs: flags.trainConfig,
            gpus: flags.gpus,
            maxPerDeviceBatch: flags.perDeviceBatch,
            model: flags.model,
            template: flags.template,
            adapterDir: flags.adapterDir,
            evalSets: flags.evalSets,
            endpoint: flags.endpoint
              ? { baseUrl: flags.endpoint, model: flags.endpointModel ?? flags.model ?? "hum-lora" }
              : undefined,
          }
        : undefined,
  });
  console.log(formatExportSummary(summary));
}

function readSourceLicences(path: string): Record<string, SourceLicence> {
  const value = parseYaml(readFileSync(path, "utf8")) as unknown;
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error(`${path}: must map each source to its licence`);
  return Object.fromEntries(
    Object.entries(value).map(([source, entry]) => {
      if (typeof entry === "string") return [source, { licence: entry }];
      if (typeof entry === "object" && entry !== null && typeof (entry as SourceLicence).licence === "string")
        return [source, entry as SourceLicence];
      throw new Error(`${path}: source "${source}" needs a licence text or {licence, hub?, origin?}`);
    }),
  );
}
