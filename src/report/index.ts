export {
  type CorpusStats,
  corpusStats,
  labelOccurrences,
  type StatsOptions,
  strategyKey,
} from "./corpus-stats.ts";
export type { Histogram } from "./length-histogram.ts";
export { pageStylesheet } from "./page-stylesheet.ts";
export { type ReportData, type ReportOptions, type RunFacts, reportHtml } from "./report-html.ts";
export { writeReport } from "./write-report.ts";
