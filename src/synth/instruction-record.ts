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
