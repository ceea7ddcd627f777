/** Counts the tokens of a text; a real tokenizer can be injected wherever one is taken. */
export type TokenCounter = (text: string) => number;

/** The estimate used when no tokenizer is named: four characters to a token, rounded up. */
export const approximateTokens: TokenCounter = (text) => Math.ceil(text.length / 4);

/** The paper's input budget (spec §7: 1,500 input tokens). */
export const DEFAULT_TOKEN_BUDGET = 1500;
