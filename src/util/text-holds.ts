/**
 * Whether a text holds a value as a mention: as a whole word in Latin script (so "US" is not found in
 * "USA"), anywhere in Chinese. Values shorter than two characters are never taken as held.
 */
export function holdsValue(text: string, value: string): boolean {
  if (value.length < 2 || !text.includes(value)) return false;
  if (/\p{Script=Han}/u.test(value)) return true;
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(text);
}
