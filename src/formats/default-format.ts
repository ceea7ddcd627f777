import { defaultIsText, guardParse, outputText, readJson } from "./format-helpers.ts";
import type { OutputFormat } from "./output-format.ts";

/** The task's own basic rendering (IEPile JSON, the OpenIE tuple lines, plain choices); states nothing new. */
export const defaultFormat: OutputFormat = {
  name: "default",
  fits: () => true,
  state: () => ({ sentence: "" }),
  value: (task, answer, chunk) => task.renderDefault(answer, chunk),
  render: (task, answer, chunk) => outputText(task.renderDefault(answer, chunk)),
  parse: (task, text, chunk) =>
    guardParse(() => task.parseDefault(defaultIsText(task, chunk) ? text : readJson(text), chunk)),
};
