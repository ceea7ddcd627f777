import type { SchemaChunk, TaskSpec } from "../tasks/index.ts";
import { lookup } from "../util/index.ts";
import { defaultFormat } from "./default-format.ts";
import { defaultIsText, isKeyedTask } from "./format-helpers.ts";
import { jsonEmptyStringFormat, jsonNanFormat, jsonOmitEmptyFormat } from "./json-empty-value-formats.ts";
import { jsonFormat } from "./json-format.ts";
import { labelLinesFormat } from "./label-lines-format.ts";
import { markdownTableFormat } from "./markdown-table-format.ts";
import type { OutputFormat } from "./output-format.ts";
import { plainFormat } from "./plain-format.ts";
import { pythonCallsFormat } from "./python-calls-format.ts";
import { readsBack } from "./reads-back.ts";
import { rowsFormat } from "./rows-format.ts";
import { outputFormatTemplateFormat } from "./template-format.ts";
import { tupleLinesFormat } from "./tuple-lines-format.ts";

export { isEmptyWord } from "./empty-values.ts";
export {
  clausesIn,
  EMPTY_LABEL_CLAUSES,
  FORMAT_CLAUSES,
  INNER_VALUE_CLAUSES,
  replaceClauses,
  type TemplateClause,
} from "./format-clauses.ts";
export { outputText } from "./format-helpers.ts";
export { type FoundJson, findJson, firstJsonText, type JsonLocation, parseStrict } from "./json-locator.ts";
export type { FormatStatement, OutputFormat } from "./output-format.ts";
export { parseAnyFormat } from "./parse-any-format.ts";
export { readsBack, sameAnswer } from "./reads-back.ts";
export { joinSentences, restateFormat } from "./restate-format.ts";
export { answerFromJson } from "./tolerant-json.ts";
export { columnFor, lineRows, markdownRows } from "./tolerant-rows.ts";

/** Every output rendering, by name. Adding a format is one file and one line here. */
export const FORMATS: readonly OutputFormat[] = [
  defaultFormat,
  jsonFormat,
  jsonEmptyStringFormat,
  jsonNanFormat,
  jsonOmitEmptyFormat,
  rowsFormat,
  markdownTableFormat,
  tupleLinesFormat,
  labelLinesFormat,
  outputFormatTemplateFormat,
  plainFormat,
  pythonCallsFormat,
];

export function formatByName(name: string): OutputFormat {
  return lookup(FORMATS, name, { one: "output format", many: "formats" });
}

export { defaultFormat };

/**
 * The formats a format variant may use for a chunk: those that fit, minus the ones that would write
 * the basic output again (JSON for the IE tasks, plain for a multiple-choice or sentiment chunk).
 */
/**
 * The formats other than the default that can carry this instruction. Given the answer, only those that
 * write it so that it reads back unchanged (see `readsBack`).
 */
export function variantFormats(task: TaskSpec, chunk: SchemaChunk, answer?: unknown): OutputFormat[] {
  return FORMATS.filter(
    (format) =>
      format.fits(task, chunk) &&
      !sameAsDefault(format, task, chunk) &&
      (answer === undefined || readsBack(format, task, answer, chunk)),
  );
}

function sameAsDefault(format: OutputFormat, task: TaskSpec, chunk: SchemaChunk): boolean {
  if (format === defaultFormat) return true;
  if (format === jsonFormat) return isKeyedTask(task) || !defaultIsText(task, chunk);
  if (format === plainFormat) return defaultIsText(task, chunk);
  return false;
}
