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
 * the first balanced `{…}`/`[…]` after prose. Undefined when there is none. The one JSON locator of
 * Hum: eval's readers, the formats' parsers and the LLM layer's structured output all use it.
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

/**
 * JSON as Python's `json.loads` reads it (what IEPile and most model servers write): standard JSON
 * plus the bare constants NaN, Infinity and -Infinity, read as null (not a string, never a label's
 * value). Undefined when the text is not such JSON; never throws.
 */
export function parseStrict(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (!/NaN|Infinity/.test(text)) return undefined;
    try {
      return JSON.parse(replaceBareConstants(text));
    } catch {
      return undefined;
    }
  }
}

/** NaN, Infinity and -Infinity outside strings replaced by null. */
function replaceBareConstants(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i] ?? "";
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    const constant = /^(?:-?Infinity|NaN)/.exec(text.slice(i, i + 9))?.[0];
    if (constant) {
      out += "null";
      i += constant.length - 1;
    } else out += c;
  }
  return out;
}

/**
 * The text from the first `{` or `[` to the end of the value it opens. When the value never closes
 * (a truncated answer) everything up to a closing code fence is kept, for jsonrepair to finish.
 */
export function firstJsonText(text: string): string | undefined {
  const start = text.search(/[[{]/);
  if (start < 0) return undefined;
  const end = balancedEnd(text, start);
  if (end >= 0) return text.slice(start, end + 1);
  const rest = text.slice(start);
  const fence = rest.indexOf("```");
  return fence >= 0 ? rest.slice(0, fence) : rest;
}

function fromFirstBracket(text: string): Omit<FoundJson, "location"> | undefined {
  const candidate = firstJsonText(text);
  if (candidate === undefined) return undefined;
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
