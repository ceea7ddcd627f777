import type { InstructionRecord } from "../synth/index.ts";
import type { ChatTurn } from "./chat-messages.ts";
import type { ExportSummary } from "./export-summary.ts";

export const TARGET_NAMES = ["llamafactory", "openai", "parquet", "hf"] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** One kept instruction on its way out: the record, its chat turns and its split. */
export interface ExportRow {
  record: InstructionRecord;
  messages: ChatTurn[];
  split: string;
}

/** One output format. Rows arrive in input order; files appear under their names only in `finish`. */
export interface ExportTarget {
  readonly name: TargetName;
  add(row: ExportRow): Promise<void>;
  /** Complete every file (and any index or card, which may use the finished summary); returns their paths. */
  finish(summary: ExportSummary): Promise<string[]>;
  /** After a failure: remove every partial file. */
  discard(): void;
}

/** Per-split writers opened on first use, so a split without rows leaves no file behind. */
export class PerSplit<W> {
  readonly #open: (split: string) => W;
  readonly #writers = new Map<string, W>();

  constructor(open: (split: string) => W) {
    this.#open = open;
  }

  get(split: string): W {
    let writer = this.#writers.get(split);
    if (!writer) {
      writer = this.#open(split);
      this.#writers.set(split, writer);
    }
    return writer;
  }

  /** Writers in the summary's split order, so indexes list splits the same way every run. */
  inOrder(splitOrder: readonly string[]): Array<[string, W]> {
    return splitOrder.filter((s) => this.#writers.has(s)).map((s) => [s, this.#writers.get(s) as W]);
  }

  all(): W[] {
    return [...this.#writers.values()];
  }
}
