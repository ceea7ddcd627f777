import { jsonrepair } from "jsonrepair";

/** How the JSON was found: the whole text, a fenced block, or a value after (or amid) prose. */
export type JsonLocation = "whole" | "fenced" | "embedded";

export interface FoundJson {
  value: unknown;
  location: JsonLocation;
  /** jsonrepair fixed it (single quotes, trailing commas, a truncated tail). */
  repaired: boolean;
}

const FENCE = /```[a-zA-Z]*[ \t]*\r?\n?([\s\S]*?)```/;

/**
 * The JSON value a model's answer holds, wherever it is: the whole text, the first fenced block, or
 * the first balanced `{…}`/`[…]` after prose. Undefined when there is none.
 */
export function findJson(text: string): FoundJson | undefined {
  const whole = parseStrict(text);
  if (whole !== undefined) return { value: whole, location: "whole", repaired: false };
  const fenced = FENCE.exec(text)?.[1];
  if (fenced !== undefined) {
    const found = fromFirstBracket(fenced);
    if (found) return { ...found, location: "fenced" };
  }
  const embedded = fromFirstBracket(text);
  return embedded ? { ...embedded, location: "embedded" } : undefined;
}

/** `JSON.parse`, or undefined; never throws. */
export function parseStrict(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function fromFirstBracket(text: string): Omit<FoundJson, "location"> | undefined {
  const start = text.search(/[[{]/);
  if (start < 0) return undefined;
  const end = balancedEnd(text, start);
  const candidate = end < 0 ? text.slice(start) : text.slice(start, end + 1);
  const strict = parseStrict(candidate);
  if (strict !== undefined) return { value: strict, repaired: false };
  try {
    // jsonrepair throws on leading prose, so it only ever sees text from the first bracket on.
    return { value: JSON.parse(jsonrepair(candidate)), repaired: true };
  } catch {
    return undefined;
  }
}

/** Index of the bracket closing the one at `start`, skipping strings; -1 when the text ends first. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"') quote = c;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
