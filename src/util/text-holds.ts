const HAN = /\p{Script=Han}/u;
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;

/**
 * Whether a text holds a value as a mention: as a whole word in Latin script (so "US" is not found in
 * "USA"), anywhere in Chinese. Values shorter than two characters are never taken as held.
 */
export function holdsValue(text: string, value: string): boolean {
  if (value.length < 2 || !text.includes(value)) return false;
  if (HAN.test(value)) return true;
  // Each occurrence in turn, the characters (code points) on either side checked: no regular expression
  // is compiled per value.
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) {
    const end = at + value.length;
    // A mention never starts or ends inside a surrogate pair.
    if (isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1))) continue;
    if (isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) continue;
    if (!isWordCharacter(codePointBefore(text, at)) && !isWordCharacter(text.codePointAt(end))) return true;
  }
  return false;
}

function codePointBefore(text: string, at: number): number | undefined {
  if (at === 0) return undefined;
  const unit = text.charCodeAt(at - 1);
  if (isLowSurrogate(unit) && at >= 2 && isHighSurrogate(text.charCodeAt(at - 2)))
    return text.codePointAt(at - 2);
  return unit;
}

function isWordCharacter(codePoint: number | undefined): boolean {
  return codePoint !== undefined && WORD_CHARACTER.test(String.fromCodePoint(codePoint));
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
