import type { ReadItem } from "../readers/index.ts";
import { labelNamer } from "../readers/index.ts";
import type { CanonicalRecord, LabelSet } from "../records/index.ts";
import type { BasicOptions } from "./basic.ts";
import {
  type CompoundBatch,
  CompoundRenderer,
  type RenderedCompound,
  type SentGuidelines,
} from "./compound-batch.ts";
import {
  type LineBatch,
  type LineReadOptions,
  lineItems,
  type MinedBatch,
  mineLines,
  type ScannedBatch,
  scanLines,
} from "./line-batch.ts";
import { type RecordBatch, type RenderedBatch, renderBatch, renderItems } from "./record-batch.ts";

/** What a synthesis pool is asked, in order (see `BatchRenderer`). */
export type RenderRequest =
  | { type: "inputs"; inputs: LineReadOptions[] }
  /** The labels of each source; `tracked`: the only id keys line batches need report (default: all). */
  | { type: "universe"; universe: Array<[string, LabelSet]>; tracked?: ReadonlySet<string> }
  | { type: "scan-lines"; batch: LineBatch }
  /** The example pool's pass, after a `universe` request naming the ids to track. */
  | { type: "mine-lines"; batch: LineBatch; seed: number }
  | { type: "render-lines"; batch: LineBatch }
  | { type: "render"; batch: RecordBatch }
  /**
   * Compound synthesis: its token budget and what guidelines are sampled from, example records as they
   * are first shown, its batches.
   */
  | { type: "compound"; tokens: number; guidelines: SentGuidelines }
  | { type: "examples"; records: CanonicalRecord[] }
  | { type: "render-compound"; batch: CompoundBatch };

/** The answer to each request: acknowledgements, a scanned batch, or a rendered one. */
export type RenderAnswer = true | ScannedBatch | MinedBatch | RenderedBatch | RenderedCompound;

/**
 * The work a run hands out in batches: the label pass, the example pool's pass, the rendering of
 * canonical lines or of records a reader made, and the rendering of compound jobs decided on the main
 * thread. A worker thread holds one and answers its messages with it; a run on one thread holds one
 * and asks it directly, so both write the same bytes by the same code.
 */
export class BatchRenderer {
  readonly #options: BasicOptions;
  #universe = new Map<string, LabelSet>();
  #tracked: ReadonlySet<string> | true = true;
  #inputs: LineReadOptions[] = [];
  /** Each input's label renaming, kept across its batches. */
  readonly #namers = new Map<number, (item: ReadItem) => ReadItem>();
  #compound: CompoundRenderer | undefined;

  constructor(options: BasicOptions) {
    this.#options = options;
  }

  answer(request: RenderRequest): RenderAnswer {
    switch (request.type) {
      case "inputs":
        this.#inputs = request.inputs;
        this.#namers.clear();
        return true;
      case "universe":
        this.#universe = new Map(request.universe);
        this.#tracked = request.tracked ?? true;
        return true;
      case "scan-lines":
        return scanLines(request.batch, this.#inputs[request.batch.input], this.#namer(request.batch));
      case "mine-lines": {
        const { batch, seed } = request;
        return mineLines(batch, this.#inputs[batch.input], this.#namer(batch), seed, this.#tracked);
      }
      case "render-lines": {
        const { batch } = request;
        const items = lineItems(batch, this.#inputs[batch.input], this.#namer(batch));
        return renderItems(items, this.#universe, this.#options, this.#tracked);
      }
      case "render":
        return renderBatch(request.batch, this.#universe, this.#options);
      case "compound":
        this.#compound = new CompoundRenderer(request.tokens, request.guidelines);
        return true;
      case "examples":
        this.#compoundRenderer().addExamples(request.records);
        return true;
      case "render-compound":
        return this.#compoundRenderer().render(request.batch, this.#universe, this.#options);
    }
  }

  #compoundRenderer(): CompoundRenderer {
    if (!this.#compound) throw new Error("a compound batch came before the compound set-up");
    return this.#compound;
  }

  #namer(batch: LineBatch): (item: ReadItem) => ReadItem {
    let namer = this.#namers.get(batch.input);
    if (!namer) this.#namers.set(batch.input, (namer = labelNamer("canonical", this.#inputs[batch.input])));
    return namer;
  }
}
