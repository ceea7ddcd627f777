/** A text rebuilt from tokens, with where each token sits in it. */
export interface TokenText {
  text: string;
  /** Start offset of each token in `text` (blank tokens get the offset where they would be). */
  starts: number[];
  /** End offset (exclusive) of each token. */
  ends: number[];
}

/** Penn Treebank escapes and quotes, as the text had them. */
const SURFACE: Record<string, string> = {
  "-LRB-": "(",
  "-RRB-": ")",
  "-LSB-": "[",
  "-RSB-": "]",
  "-LCB-": "{",
  "-RCB-": "}",
  "``": '"',
  "''": '"',
};

/** Tokens written against the word before them: punctuation, closing brackets, clitics. */
const ATTACHES_LEFT = /^(?:[,.;:!?%)\]}]+|\.\.\.|''|'|'s|'re|'ve|'ll|'d|'m|n't)$/i;
/** Tokens the next word is written against: opening brackets and quotes, currency. */
const ATTACHES_RIGHT = new Set(["(", "[", "{", "``", "$", "-LRB-", "-LSB-", "-LCB-"]);

export interface JoinOptions {
  /**
   * Join as the text was written: `-LRB-` → `(`, `` `` `` and `''` → `"`, no space before `.`, `,`,
   * `'s` or `n't`, none after `(` or `$`; a straight `"` opens and closes in turn.
   */
  detokenize?: boolean;
}

/**
 * Tokenised datasets lose the original spacing, so the text is rebuilt by joining the tokens with
 * single spaces (IEPile does the same), or detokenised on request. Blank tokens (FewRel has `" "`
 * tokens) add nothing, so the text has no runs of spaces. Each token's offsets point into the text,
 * so spans are remapped with it.
 */
export function joinTokens(tokens: readonly string[], options: JoinOptions = {}): TokenText {
  const starts: number[] = [];
  const ends: number[] = [];
  let text = "";
  let glueNext = false;
  let quoteOpen = false;
  for (const token of tokens) {
    if (token.trim() === "") {
      starts.push(text.length);
      ends.push(text.length);
      continue;
    }
    let glue = false;
    let surface = token;
    if (options.detokenize) {
      surface = SURFACE[token] ?? token;
      const opensQuote = token === '"' && !quoteOpen;
      if (token === '"') quoteOpen = !quoteOpen;
      glue =
        glueNext ||
        ATTACHES_LEFT.test(token) ||
        ATTACHES_LEFT.test(surface) ||
        (token === '"' && !opensQuote);
      glueNext = ATTACHES_RIGHT.has(token) || opensQuote;
    }
    if (text.length > 0 && !glue) text += " ";
    starts.push(text.length);
    text += surface;
    ends.push(text.length);
  }
  return { text, starts, ends };
}

/** The character span of tokens `first`..`last` (inclusive), or undefined when it is empty or out of range. */
export function tokenSpan(
  tokens: TokenText,
  first: number,
  last: number,
): { start: number; end: number; text: string } | undefined {
  if (first < 0 || last < first || last >= tokens.starts.length) return undefined;
  const start = tokens.starts[first];
  const end = tokens.ends[last];
  if (end <= start) return undefined;
  return { start, end, text: tokens.text.slice(start, end) };
}
