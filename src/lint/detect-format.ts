import {
  defaultFormat,
  FORMAT_CLAUSES,
  FORMATS,
  formatByName,
  type OutputFormat,
  replaceClauses,
} from "../formats/index.ts";
import type { Language } from "../records/index.ts";
import type { TaskSpec } from "../tasks/index.ts";
import type { InstructionParts } from "./instruction-parts.ts";

/**
 * The output formats an instruction names: every variant whose statement it carries (an `output_format`
 * template counts only with its own instruction sentence). None named means the task's default.
 */
export function namedFormats(task: TaskSpec, parts: InstructionParts, lang: Language): OutputFormat[] {
  const chunk = { labels: [] };
  // The template's own format clause (a plain answer for multiple choice) names no variant.
  const stated = replaceClauses(parts.sentence, FORMAT_CLAUSES);
  return FORMATS.filter((format) => {
    if (format === defaultFormat || !format.fits(task, chunk)) return false;
    // IE tasks answer in JSON by default: the template's own JSON sentence names no variant.
    if (format.name === "json" && task.style === "json") return false;
    const statement = format.state(task, chunk, lang);
    if (statement.scope === "instruction")
      return parts.outputFormat !== undefined && parts.sentence === statement.sentence;
    return statement.sentence !== "" && stated.includes(statement.sentence);
  });
}

/** The format to read the instruction's outputs with: the eval record's, else the one it names. */
export function formatOf(
  task: TaskSpec,
  parts: InstructionParts,
  lang: Language,
  named: string | undefined,
): OutputFormat {
  if (named !== undefined)
    return named === "json" && task.style === "json" ? defaultFormat : formatByName(named);
  return namedFormats(task, parts, lang)[0] ?? defaultFormat;
}
