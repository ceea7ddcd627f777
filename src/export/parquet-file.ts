import { fileWriter, ParquetWriter } from "hyparquet-writer";
import { AtomicOutput } from "../io/index.ts";
import type { ExportRow } from "./export-target.ts";

/** Rows per row group: a few megabytes of text, small enough to stream and to preview. */
export const ROW_GROUP_ROWS = 5000;

const STRING = { type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" } as const;

// The explicit schema: `messages` is a real 3-level LIST of {role, content} structs and `strategies` a
// LIST of strings, never JSON strings (which type detection would otherwise pick).
const SCHEMA = [
  { name: "root", num_children: 8 },
  { name: "id", ...STRING },
  { name: "record_id", ...STRING },
  { name: "task", ...STRING },
  { name: "source", ...STRING },
  { name: "lang", ...STRING },
  { name: "kind", ...STRING },
  { name: "strategies", repetition_type: "REQUIRED", converted_type: "LIST", num_children: 1 },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { name: "element", ...STRING },
  { name: "messages", repetition_type: "REQUIRED", converted_type: "LIST", num_children: 1 },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { name: "element", repetition_type: "REQUIRED", num_children: 2 },
  { name: "role", ...STRING },
  { name: "content", ...STRING },
];

const COLUMNS = ["id", "record_id", "task", "source", "lang", "kind", "strategies", "messages"] as const;
type Column = (typeof COLUMNS)[number];

/** One Parquet file written a row group at a time; memory holds one row group, never the split. */
export class ParquetFile {
  readonly path: string;
  readonly #target: AtomicOutput;
  readonly #writer: ParquetWriter;
  #columns: Record<Column, unknown[]> = emptyColumns();
  #rows = 0;

  constructor(path: string, createdBy: string) {
    this.path = path;
    this.#target = new AtomicOutput(path, { byName: true });
    this.#writer = new ParquetWriter({
      writer: fileWriter(this.#target.tempPath),
      // hyparquet's SchemaElement types use string unions; the literal schema above matches them.
      schema: SCHEMA as never,
      createdBy,
    });
  }

  add(row: ExportRow): void {
    const { record } = row;
    const values: Record<Column, unknown> = {
      id: record.id,
      record_id: record.record_id,
      task: record.task,
      source: record.source,
      lang: record.lang,
      kind: record.kind,
      strategies: record.strategies,
      messages: row.messages.map(({ role, content }) => ({ role, content })),
    };
    for (const column of COLUMNS) this.#columns[column].push(values[column]);
    if (++this.#rows % ROW_GROUP_ROWS === 0) this.#flush();
  }

  commit(): void {
    this.#flush();
    this.#writer.finish();
    this.#target.commit();
  }

  discard(): void {
    this.#target.discard();
  }

  #flush(): void {
    if (this.#columns.id.length === 0) return;
    const columnData = COLUMNS.map((name) => ({ name, data: this.#columns[name] }));
    this.#writer.write({ columnData, rowGroupSize: ROW_GROUP_ROWS });
    this.#columns = emptyColumns();
  }
}

function emptyColumns(): Record<Column, unknown[]> {
  return Object.fromEntries(COLUMNS.map((name) => [name, []])) as unknown as Record<Column, unknown[]>;
}
