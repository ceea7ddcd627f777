import { stringify } from "yaml";
import type { ExportSummary } from "./export-summary.ts";
import { corpusCounts } from "./export-summary.ts";
import { corpusLicence, type SourceLicence, sourceLicence } from "./source-licences.ts";

export interface CardOptions {
  name: string;
  /** Data files per split, relative to the card (globs allowed). */
  dataFiles: (split: string) => string;
  sourceLicences?: Record<string, SourceLicence>;
  /** Settings of the synthesis run, shown verbatim when given (a `hum synth` config). */
  synthConfig?: string;
  system?: string;
}

// Hub task categories for the tasks a corpus contains: every instruction is generated text; NER,
// MRC and TC are also the Hub's token classification, question answering and text classification.
const TASK_CATEGORIES: Record<string, string> = {
  NER: "token-classification",
  MRC: "question-answering",
  TC: "text-classification",
};

/** The README.md dataset card: YAML front matter the Hub reads, then statistics, sources and provenance. */
export function datasetCard(summary: ExportSummary, options: CardOptions): string {
  const total = corpusCounts(summary);
  const sources = Object.keys(total.by_source);
  const licences = sources.map((source) => sourceLicence(source, options.sourceLicences));
  const licence = corpusLicence(licences);
  const categories = new Set(["text-generation"]);
  for (const task of Object.keys(total.by_task))
    if (TASK_CATEGORIES[task]) categories.add(TASK_CATEGORIES[task]);
  const front: Record<string, unknown> = {
    pretty_name: options.name,
    license: licence,
    ...(licence === "other" ? { license_name: "mixed-source-licences" } : {}),
    language: Object.keys(total.by_lang),
    task_categories: [...categories].sort(),
    size_categories: [sizeCategory(total.instructions)],
    tags: ["instruction-tuning", "information-extraction", "synthetic", "hum"],
    configs: [
      {
        config_name: "default",
        data_files: summary.split_order.map((split) => ({ split, path: options.dataFiles(split) })),
      },
    ],
  };
  return [
    "---",
    stringify(front, { lineWidth: 0 }).trimEnd(),
    "---",
    "",
    `# ${options.name}`,
    "",
    "Instruction-tuning data for natural language understanding, synthesised by Hum from labeled datasets",
    "(basic IEPile-style instructions and compound ones with guidelines, preference rules and format variants).",
    "Each row holds `messages` (user instruction, assistant answer" +
      (options.system ? ", after a system prompt" : "") +
      ")",
    "and the instruction's `task`, `source`, `lang`, `kind` (basic or compound), `strategies`, `id` and `record_id`.",
    "",
    "## Statistics",
    "",
    table(
      ["split", "instructions"],
      summary.split_order.map((split) => [split, String(summary.splits[split].instructions)]),
    ),
    "",
    countsTable("task", total.by_task, total.instructions),
    "",
    countsTable("kind", total.by_kind, total.instructions),
    "",
    countsTable("language", total.by_lang, total.instructions),
    "",
    lengthFilterText(summary),
    "",
    "## Sources and licences",
    "",
    "Licences as each dataset's own repository states them. Use of this data is bound by every one of them.",
    "",
    table(
      ["source", "instructions", "licence", "origin"],
      sources.map((source, i) => [
        source,
        String(total.by_source[source]),
        licences[i].licence,
        licences[i].origin ?? "",
      ]),
    ),
    "",
    "## How it was made",
    "",
    provenanceText(summary),
    ...(options.synthConfig
      ? ["", "Synthesis configuration:", "", "```yaml", options.synthConfig.trimEnd(), "```"]
      : []),
    "",
  ].join("\n");
}

function lengthFilterText(summary: ExportSummary): string {
  const filter = summary.length_filter;
  const dropped = Object.entries(summary.instructions.dropped_by_task);
  return [
    `Length filter: instructions over ${filter.max_input_tokens} input or ${filter.max_output_tokens} output tokens ` +
      `(${filter.tokenizer}${filter.vocabulary ? `, ${filter.vocabulary}` : ""}) were dropped: ` +
      `${summary.instructions.dropped} of ${summary.instructions.read}` +
      (dropped.length
        ? ` (${dropped.map(([task, d]) => `${task} ${d.input + d.output}`).join(", ")}).`
        : "."),
  ].join("\n");
}

function provenanceText(summary: ExportSummary): string {
  const shares = Object.entries(summary.split.shares)
    .map(([split, share]) => `${split} ${share}`)
    .join(", ");
  const holdOut = summary.split.hold_out_sources.length
    ? `; sources held out whole in \`${summary.split.hold_out_split}\`: ${summary.split.hold_out_sources.join(", ")}`
    : "";
  return [
    `- Split by record (all instructions of one source record in one split), seed ${summary.seed}: ${shares}${holdOut}.`,
    `- Versions: ${Object.entries(summary.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(", ")}.`,
  ].join("\n");
}

/** The Hub's size buckets. */
export function sizeCategory(rows: number): string {
  const buckets: Array<[number, string]> = [
    [1e3, "n<1K"],
    [1e4, "1K<n<10K"],
    [1e5, "10K<n<100K"],
    [1e6, "100K<n<1M"],
    [1e7, "1M<n<10M"],
    [1e8, "10M<n<100M"],
    [1e9, "100M<n<1B"],
  ];
  return buckets.find(([limit]) => rows < limit)?.[1] ?? "n>1B";
}

function countsTable(name: string, counts: Record<string, number>, total: number): string {
  return table(
    [name, "instructions", "share"],
    Object.entries(counts).map(([key, count]) => [
      key,
      String(count),
      `${((100 * count) / Math.max(total, 1)).toFixed(1)} %`,
    ]),
  );
}

function table(header: string[], rows: string[][]): string {
  const escapeCell = (cell: string) => cell.replaceAll("|", "\\|");
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(" | ")} |`),
  ].join("\n");
}
