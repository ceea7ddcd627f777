import type { Language } from "../records/index.ts";
import type { TaskName } from "../tasks/index.ts";

/** How a compound instruction departs from the basic one (not a rule's modification strategy). */
export type CompoundStrategy = "guidelines" | "rules" | "format";

/** One synthesised instruction: what the corpus holds, one JSON object per line. */
export interface InstructionRecord {
  id: string;
  task: TaskName;
  source: string;
  lang: Language;
  kind: "basic" | "compound";
  strategies: CompoundStrategy[];
  instruction: string;
  output: string;
  /** The canonical answer the output was rendered from; evaluation and round-trip checks use it. */
  label: unknown;
  /** The canonical record it came from: the chunks of one record share it. */
  record_id: string;
}

/** The fields of an IE instruction, in the order IEPile/OneKE write them. */
export interface IeInstructionFields {
  instruction: string;
  schema: unknown;
  example?: unknown;
  output_format?: unknown;
  input: string;
}

/** Key order matters to models trained on IEPile: instruction, schema, example, output_format, input. */
export function orderedIeFields(fields: IeInstructionFields): IeInstructionFields {
  const { instruction, schema, example, output_format, input } = fields;
  // Built as literals of a fixed shape (no `delete`), so the objects stay fast to serialise.
  if (example === undefined)
    return output_format === undefined
      ? { instruction, schema, input }
      : { instruction, schema, output_format, input };
  return output_format === undefined
    ? { instruction, schema, example, input }
    : { instruction, schema, example, output_format, input };
}

/**
 * The JSON text of the instructions most recently made with their instruction text (and maybe output)
 * escaped as they were built (see `withEscapedText`): most of an IE instruction is a prefix shared by
 * many records, escaped once. Instructions are written right after they are rendered, so a few recent
 * ones suffice; a ring of them costs less per record than a WeakMap entry.
 */
const RECENT = 64;
const recentRecords: Array<InstructionRecord | undefined> = new Array(RECENT).fill(undefined);
const recentInstructions: string[] = new Array(RECENT).fill("");
const recentEscaped: string[] = new Array(RECENT).fill("");
const recentOutputs: Array<string | undefined> = new Array(RECENT).fill(undefined);
const recentEscapedOutputs: string[] = new Array(RECENT).fill("");
let recentNext = 0;

/**
 * Remember `escaped` (JSON.stringify of `record.instruction`), and `escapedOutput` (of `record.output`)
 * when known, for `instructionLine`; returns the record.
 */
export function withEscapedText(
  record: InstructionRecord,
  escaped: string,
  escapedOutput?: string,
): InstructionRecord {
  const slot = recentNext;
  recentNext = (slot + 1) % RECENT;
  recentRecords[slot] = record;
  recentInstructions[slot] = record.instruction;
  recentEscaped[slot] = escaped;
  recentOutputs[slot] = escapedOutput === undefined ? undefined : record.output;
  recentEscapedOutputs[slot] = escapedOutput ?? "";
  return record;
}

/** The ring slot of a record, while it is recent and its instruction unchanged; else -1. */
function recentSlot(record: InstructionRecord): number {
  for (let step = 1; step <= RECENT; step++) {
    const slot = (recentNext - step + RECENT) % RECENT;
    if (recentRecords[slot] !== record) continue;
    return recentInstructions[slot] === record.instruction ? slot : -1;
  }
  return -1;
}

/** A text's JSON string form without its quotes: escaping is per character, so pieces escape apart. */
export function escapedBody(text: string): string {
  const escaped = JSON.stringify(text);
  return escaped.slice(1, escaped.length - 1);
}

/**
 * An instruction record as one JSONL line: the bytes `JSON.stringify(record)` gives. A record made by
 * `renderBasic` (fixed key order, its instruction already escaped) is written field by field, skipping
 * the second escape of its instruction (and of its output when that was known escaped); any other
 * record, or one changed since, goes to JSON.stringify.
 */
export function instructionLine(record: InstructionRecord): string {
  const slot = recentSlot(record);
  if (slot === -1) return JSON.stringify(record);
  const { id, task, source, lang, kind, strategies, output, label, record_id } = record;
  // JSON.stringify leaves out a field that is undefined.
  if (label === undefined) return JSON.stringify(record);
  const escapedOutput = recentOutputs[slot] === output ? recentEscapedOutputs[slot] : JSON.stringify(output);
  return lineOfFields(
    JSON.stringify(id),
    fieldsBetween(task, source, lang, kind, strategies),
    recentEscaped[slot],
    escapedOutput,
    JSON.stringify(label),
    JSON.stringify(record_id),
  );
}

/**
 * The line of an instruction from its fields already in JSON form: the id, the text from `"task"` up to
 * the instruction's value (`fieldsBetween`), the instruction, output, label and record id.
 */
export function lineOfFields(
  id: string,
  between: string,
  instruction: string,
  output: string,
  label: string,
  recordId: string,
): string {
  return `{"id":${id}${between}${instruction},"output":${output},"label":${label},"record_id":${recordId}}`;
}

/**
 * The text from `"task"` up to the instruction's value, which the instructions of one task, source,
 * language and kind share. A record's instructions come in runs of a few tasks (EE, EET, EEA), so the
 * texts of the last few combinations are kept, each found by comparing its fields.
 */
export function fieldsBetween(
  task: string,
  source: string,
  lang: string,
  kind: string,
  strategies: readonly string[],
): string {
  if (strategies.length === 0)
    for (const fields of recentFields)
      if (
        fields !== undefined &&
        fields.task === task &&
        fields.source === source &&
        fields.lang === lang &&
        fields.kind === kind
      )
        return fields.text;
  const text = `,"task":${JSON.stringify(task)},"source":${JSON.stringify(source)},"lang":${JSON.stringify(lang)},"kind":${JSON.stringify(kind)},"strategies":${JSON.stringify(strategies)},"instruction":`;
  if (strategies.length === 0) {
    recentFields[recentFieldsNext] = { task, source, lang, kind, text };
    recentFieldsNext = (recentFieldsNext + 1) % recentFields.length;
  }
  return text;
}

interface KnownFields {
  task: string;
  source: string;
  lang: string;
  kind: string;
  text: string;
}

const recentFields: Array<KnownFields | undefined> = new Array(8).fill(undefined);
let recentFieldsNext = 0;
