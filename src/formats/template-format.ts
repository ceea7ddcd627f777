import type { Language } from "../records/index.ts";
import type { TaskSpec } from "../tasks/index.ts";
import { restoreEmptyValues } from "./empty-values.ts";
import { guardParse, isKeyedTask, outputText, readJson } from "./format-helpers.ts";
import type { OutputFormat } from "./output-format.ts";

const INSTRUCTION: Record<Language, string> = {
  en: "Please extract the elements that match the schema definition from the input and return the results in the format specified in the output_format.",
  zh: "请从input中抽取出符合schema定义的元素，并按照output_format中指定的格式返回结果。",
};

/** The `output_format` template of each IE task: the default shape with placeholder names. */
const TEMPLATES: Record<string, unknown> = {
  NER: { entity_type: [""] },
  EET: { event_type: [""] },
  RE: { predicate: [{ subject: "", object: "" }] },
  SPO: { predicate: [{ subject: "", object: "" }] },
  EE: { event_type: [{ trigger: "", arguments: { role: "" } }] },
  EEA: { event_type: [{ role: "" }] },
  KGE: { entity_type: { entity: { attribute: "" } } },
};

/**
 * Paper Table 27: the instruction names no expert and points to an `output_format` object that shows
 * the answer's shape; the output is the default JSON.
 */
export const outputFormatTemplateFormat: OutputFormat = {
  name: "output-format",
  fits: (task) => isKeyedTask(task),
  state: (task: TaskSpec, _chunk, lang) => ({
    sentence: INSTRUCTION[lang],
    outputFormat: TEMPLATES[task.name],
    scope: "instruction",
  }),
  value: (task, answer, chunk) => task.renderDefault(answer, chunk),
  render: (task, answer, chunk) => outputText(task.renderDefault(answer, chunk)),
  parse: (task, text, chunk) =>
    guardParse(() => task.parseDefault(restoreEmptyValues(task, readJson(text)), chunk)),
};
