import type { Command } from "commander";
import { refuseOutputOverInput, UsageError } from "../io/index.ts";
import type { ConvertCounts } from "../readers/index.ts";
import { READER_NAMES } from "./help-facts.ts";
import { LABEL_MAP_HELP } from "./input-options.ts";

interface ConvertFlags {
  out: string;
  format?: string;
  source?: string;
  lang?: string;
  normalizeDirection?: boolean;
  detokenize?: boolean;
  labelMap?: string;
}

/** `hum convert`: a dataset in a native format → canonical JSONL, its rejects and its label schema. */
export function registerConvertCommand(program: Command): void {
  program
    .command("convert")
    .description("convert a labeled dataset to Hum canonical JSONL (records, rejects, label schema)")
    .argument("<path>", "dataset file or folder")
    .requiredOption("--out <file.jsonl>", "canonical JSONL to write")
    .option("--format <name>", `dataset format (detected when absent): ${READER_NAMES.join(", ")}`)
    .option("--source <name>", "source name for the records (default: derived from the path)")
    .option("--lang <lang>", "language of the records, en or zh (default: from the format or the text)")
    .option(
      "--normalize-direction",
      "SemEval-style relation names: drop (e1,e2), and swap subject and object for (e2,e1)",
    )
    .option(
      "--detokenize",
      "token-based formats: join tokens as the text was written (-LRB- → (, no space before .)",
    )
    .option("--label-map <file>", LABEL_MAP_HELP)
    .action(async (path: string, flags: ConvertFlags) => {
      if (flags.lang !== undefined && flags.lang !== "en" && flags.lang !== "zh")
        throw new UsageError(`--lang must be en or zh, not "${flags.lang}"`);
      const { convertDataset, convertOutputFiles, labelMapOption } = await import("../readers/index.ts");
      const files = convertOutputFiles(flags.out);
      refuseOutputOverInput([files.out, files.rejects, files.schema], [path]);
      const counts = await convertDataset(path, {
        ...flags,
        lang: flags.lang as "en" | "zh" | undefined,
        labelMap: labelMapOption(flags.labelMap),
      });
      console.log(formatConvertCounts(counts));
      if (counts.converted === 0)
        throw new Error(
          `no record converted from ${path} (format ${counts.format}); ${flags.out} not written` +
            `${counts.rejected > 0 ? `, see ${counts.files.rejects}` : ""}`,
        );
    });
}

export function formatConvertCounts(counts: ConvertCounts): string {
  const lines = [`format: ${counts.format}`, `read: ${counts.read}`, `converted: ${counts.converted}`];
  for (const [kind, n] of Object.entries(counts.convertedByKind)) lines.push(`  ${kind}: ${n}`);
  lines.push(`rejected: ${counts.rejected}`);
  for (const [reason, n] of Object.entries(counts.rejectedByReason).sort((a, b) => b[1] - a[1]))
    lines.push(`  ${reason}: ${n}`);
  for (const [note, n] of Object.entries(counts.notes)) lines.push(`note: ${note} (${n})`);
  if (counts.converted > 0)
    lines.push(`wrote ${counts.files.out}, ${counts.files.rejects}, ${counts.files.schema}`);
  else lines.push(`wrote ${counts.files.rejects}`);
  return lines.join("\n");
}
