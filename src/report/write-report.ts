import { writeFileAtomic } from "../util/index.ts";
import { type CorpusStats, corpusStats, type StatsOptions } from "./corpus-stats.ts";
import { type ReportOptions, reportHtml } from "./report-html.ts";

/** Read the instructions, compute the statistics, and write the report file (complete or absent). */
export async function writeReport(
  instructionsPath: string,
  out: string,
  options: ReportOptions & StatsOptions,
): Promise<CorpusStats> {
  const stats = await corpusStats(instructionsPath, options);
  writeFileAtomic(out, reportHtml(stats, options));
  return stats;
}
