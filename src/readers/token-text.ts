/** A text rebuilt from tokens, with where each token sits in it. */
export interface TokenText {
  text: string;
  /** Start offset of each token in `text` (blank tokens get the offset where they would be). */
  starts: number[];
  /** End offset (exclusive) of each token. */
  ends: number[];
}

/**
 * Tokenised datasets lose the original spacing, so the text is rebuilt by joining the tokens with
 * single spaces. Blank tokens (FewRel has `" "` tokens) add nothing, so the text has no runs of spaces.
 */
export function joinTokens(tokens: readonly string[]): TokenText {
  const starts: number[] = [];
  const ends: number[] = [];
  let text = "";
  for (const token of tokens) {
    if (token.trim() === "") {
      starts.push(text.length);
      ends.push(text.length);
      continue;
    }
    if (text.length > 0) text += " ";
    starts.push(text.length);
    text += token;
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
