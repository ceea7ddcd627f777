import type { ChatRecord } from "../records/index.ts";
import { OutputShapeError, type TaskSpec } from "./task.ts";

/** IG answer: the response, kept as the source wrote it. */
export interface IgAnswer {
  response: string;
}

/** Instruction generalist data (alpaca style), kept as is so a tuned model keeps its chat ability. */
export const ig: TaskSpec<ChatRecord, IgAnswer> = {
  name: "IG",
  recordKind: "chat",
  style: "text",
  template: { en: "", zh: "" },
  columns: ["response"],
  applies: () => true,
  universe: () => [],
  positives: () => [],
  refineChunk: () => ({ labels: [], plain: true }),
  schema: () => [],
  answer: (record) => ({ response: record.output }),
  textInstruction: (record) => (record.input ? `${record.instruction}\n${record.input}` : record.instruction),
  renderDefault: (answer) => answer.response,
  parseDefault(value) {
    if (typeof value !== "string") throw new OutputShapeError("IG output is text");
    return { response: value };
  },
  input: (record) => record.input ?? "",
  toRows: (answer) => [{ response: answer.response }],
  fromRows: (rows) => ({ response: rows[0]?.response ?? "" }),
  tuples: (answer) => [[answer.response]],
};
