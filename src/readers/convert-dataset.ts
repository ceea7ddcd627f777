import { openJsonlOutput, writableRejectValue, writeFileAtomic } from "../io/index.ts";
import { LabelCollector, mergeLabelSets, type SchemaFile } from "../records/index.ts";
import { compareCodeUnits, increment, reasonKind } from "../util/index.ts";
import { chooseReader, readWith } from "./index.ts";
import type { LabelMaps } from "./label-map.ts";
import type { ReadItem } from "./reader.ts";

export interface ConvertOptions {
  /** A `--format` name; detected from the path when absent. */
  format?: string;
  /** The canonical JSONL file to write; rejections and the schema go beside it. */
  out: string;
  source?: string;
  lang?: "en" | "zh";
  normalizeDirection?: boolean;
  detokenize?: boolean;
  labelMap?: LabelMaps | "none";
}

export interface ConvertCounts {
  format: string;
  /** Items read: converted records plus rejections. */
  read: number;
  converted: number;
  convertedByKind: Record<string, number>;
  rejected: number;
  /** Rejections grouped by the category of their reason (the part before the first colon). */
  rejectedByReason: Record<string, number>;
  /** What the reader did that the counts do not show (spans realigned, names kept as ids), with counts. */
  notes: Record<string, number>;
  files: { out: string; rejects: string; schema: string };
}

/**
 * Convert a dataset in any known format to canonical JSONL: records to `out`, rejections to
 * `<out>.rejects.jsonl` as `{file, line, reason, record}`, and the label universe (what the records
 * use, plus what a schema file beside the data declares) to `<out without .jsonl>.schema.json`.
 * Records stream through; only labels are kept in memory.
 */
export async function convertDataset(path: string, options: ConvertOptions): Promise<ConvertCounts> {
  const reader = chooseReader(path, options.format);
  const files = convertOutputFiles(options.out);
  const counts: ConvertCounts = {
    format: reader.name,
    read: 0,
    converted: 0,
    convertedByKind: {},
    rejected: 0,
    rejectedByReason: {},
    notes: {},
    files,
  };
  const readOptions = {
    source: options.source,
    lang: options.lang,
    normalizeDirection: options.normalizeDirection,
    detokenize: options.detokenize,
    notes: { add: (note: string, n = 1) => increment(counts.notes, note, n) },
    labelMap: options.labelMap,
    onLabelMapped: (source: string, raw: string, name: string) => {
      const map = (renamed[source] ??= {});
      map[raw] = name;
    },
  };
  const renamed: Record<string, Record<string, string>> = {};
  const labels = new LabelCollector();
  const records = openJsonlOutput(files.out);
  const rejects = openJsonlOutput(files.rejects);
  try {
    for await (const item of readWith(reader, path, readOptions)) {
      counts.read++;
      if (item.ok) {
        labels.add(item.record);
        counts.converted++;
        increment(counts.convertedByKind, item.record.kind);
        records.write(item.record);
      } else {
        counts.rejected++;
        increment(counts.rejectedByReason, reasonKind(item.reason));
        rejects.write(rejectLine(item));
      }
    }
    const declared = await reader.declaredLabels?.(path, readOptions);
    rejects.commit();
    // Converting nothing never replaces a previous file with an empty one.
    if (counts.converted > 0) {
      writeSchema(files.schema, labels.toSchemaFile(), declared, renamed);
      records.commit();
    }
  } finally {
    records.abort();
    rejects.abort();
  }
  return counts;
}

export function convertOutputFiles(out: string): ConvertCounts["files"] {
  const stem = out.endsWith(".jsonl") ? out.slice(0, -".jsonl".length) : out;
  return { out, rejects: `${out}.rejects.jsonl`, schema: `${stem}.schema.json` };
}

function rejectLine(item: Extract<ReadItem, { ok: false }>) {
  return {
    file: item.location.file,
    line: item.location.line,
    reason: item.reason,
    record: writableRejectValue(item.raw ?? null, "(not written back: nested too deeply)"),
  };
}

/**
 * The schema file: the label universe, plus `label_map` ({source: {raw tag: name}}) for every label
 * that was renamed, so a name can be traced back to the tag in the original data.
 */
function writeSchema(
  file: string,
  found: SchemaFile,
  declared: { source: string; labels: SchemaFile["sources"][string] } | undefined,
  renamed: Record<string, Record<string, string>>,
): void {
  if (declared) {
    const known = found.sources[declared.source];
    found.sources[declared.source] = known ? mergeLabelSets(known, declared.labels) : declared.labels;
  }
  const labelMap = Object.fromEntries(
    Object.entries(renamed)
      .sort(([a], [b]) => compareCodeUnits(a, b))
      .map(([source, map]) => [
        source,
        Object.fromEntries(Object.entries(map).sort(([a], [b]) => compareCodeUnits(a, b))),
      ]),
  );
  const schema = Object.keys(labelMap).length > 0 ? { ...found, label_map: labelMap } : found;
  writeFileAtomic(file, `${JSON.stringify(schema, null, 2)}\n`);
}
