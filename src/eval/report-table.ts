import { EVAL_DATASETS } from "./eval-datasets.ts";
import type { EvalVariant } from "./eval-record.ts";
import type { ScoreReport, SetResult } from "./score-predictions.ts";

const VARIANTS: EvalVariant[] = ["B", "C"];

/**
 * Paper Table 1's layout: one row for the model, datasets × B/C as columns, then the average; the EE
 * column shows trigger/argument F1 as "x/y". A second table gives the counts behind each figure.
 */
export function formatReportTable(report: ScoreReport, modelName: string): string {
  // Table 1's sets in their order, then any other set scored (IEPile-format predictions).
  const known = EVAL_DATASETS.filter((d) => report.results.some((r) => r.dataset === d.name));
  const others = [...new Map(report.results.map((r) => [r.dataset, r.title])).entries()]
    .filter(([name]) => !EVAL_DATASETS.some((d) => d.name === name))
    .map(([name, title]) => ({ name, title }));
  const datasets = [...known.map((d) => ({ name: d.name as string, title: d.title })), ...others];
  const header = ["", ...datasets.flatMap((d) => VARIANTS.map((v) => `${d.title} ${v}`)), "Avg B", "Avg C"];
  const figures = datasets.flatMap((d) =>
    VARIANTS.map((v) => {
      const result = report.results.find((r) => r.dataset === d.name && r.variant === v);
      return result ? headline(result) : "–";
    }),
  );
  const row = [modelName, ...figures, ...VARIANTS.map((v) => number(report.average[v]))];
  const mode = `mode: ${report.mode}${report.normalize ? ", normalized" : ""}`;
  return [
    table(header, [row]),
    "",
    `Details (${mode}):`,
    "",
    detailTable(report.results),
    "",
    "How the outputs were read:",
    "",
    readAsTable(report.results),
  ].join("\n");
}

function headline(result: SetResult): string {
  if (result.accuracy !== undefined) return number(result.accuracy);
  if (result.argument_f1 !== undefined) return `${number(result.f1)}/${number(result.argument_f1)}`;
  return number(result.f1);
}

function detailTable(results: SetResult[]): string {
  const header = [
    "set",
    "variant",
    "task",
    "records",
    "outputs",
    "unparseable",
    "failed",
    "P",
    "R",
    "F1 / Acc",
    "arg P",
    "arg R",
    "arg F1",
  ];
  const rows = results.map((r) => [
    r.title,
    r.variant,
    r.task,
    String(r.records),
    String(r.outputs),
    String(r.unparseable),
    String(r.failed),
    number(r.precision),
    number(r.recall),
    number(r.f1 ?? r.accuracy),
    number(r.argument_precision),
    number(r.argument_recall),
    number(r.argument_f1),
  ]);
  return table(header, rows);
}

/** Per set, how many outputs each reader took, and the tuples dropped for labels the chunk did not ask. */
function readAsTable(results: SetResult[]): string {
  const header = ["set", "variant", "read as", "tuples of labels not asked"];
  const rows = results.map((r) => [
    r.title,
    r.variant,
    Object.entries(r.read_as)
      .map(([how, count]) => `${how} ${count}`)
      .join(", "),
    String(r.outside_labels),
  ]);
  return table(header, rows);
}

function number(value: number | undefined): string {
  return value === undefined ? "" : value.toFixed(2);
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
