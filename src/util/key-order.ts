/**
 * Key order that survives integer-like keys. A JavaScript object lists keys such as "9", "2019" or "1984"
 * before every other key, whatever order they were set in; IEPile's outputs (Python dicts) keep insertion
 * order. An object built with `withKeyOrder` carries its intended order under a hidden symbol, which
 * `pythonJson` follows. JSON.stringify, Object.entries and deepEqual do not see the symbol.
 */
const KEY_ORDER: unique symbol = Symbol("key order");

/**
 * Attach `keys` as the order the object's keys are written in; returns the same object. Only keys that
 * look like integers need it: without one, the object's own order already is the insertion order, so
 * nothing is attached (an extra property per answer object costs time on every record).
 */
export function withKeyOrder<T extends object>(object: T, keys: readonly string[]): T {
  if (!keys.some(isIntegerLike)) return object;
  Object.defineProperty(object, KEY_ORDER, { value: keys, enumerable: false, configurable: true });
  return object;
}

/** A key JavaScript lists before the others: a canonical integer below 2^32 - 1 (checked loosely: a leading digit). */
function isIntegerLike(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57;
}

/** The order attached with `withKeyOrder`, if any. */
export function keyOrder(object: object): readonly string[] | undefined {
  return (object as { [KEY_ORDER]?: readonly string[] })[KEY_ORDER];
}

/** The object's entries in their intended order: the attached order first, then any other key. */
export function orderedEntries(object: object): Array<[string, unknown]> {
  const record = object as Record<string, unknown>;
  const order = keyOrder(object);
  if (!order) return Object.entries(record);
  const entries: Array<[string, unknown]> = [];
  const seen = new Set<string>();
  for (const key of order)
    if (!seen.has(key) && Object.hasOwn(record, key)) {
      seen.add(key);
      entries.push([key, record[key]]);
    }
  for (const [key, value] of Object.entries(record)) if (!seen.has(key)) entries.push([key, value]);
  return entries;
}

/** Compare strings by Unicode code point, as Python's `sorted` does (not by UTF-16 unit). */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Outside surrogate pairs a code unit is its code point: the common case, decided here.
    if (!isSurrogate(x) && !isSurrogate(y) && !(i > 0 && isSurrogate(a.charCodeAt(i - 1)))) return x - y;
    return compareFromCodePoints(a, b);
  }
  return a.length - b.length;
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}

function compareFromCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * Compare strings by UTF-16 code unit: JavaScript's own order (`<`, a bare `sort()`). It agrees with
 * `compareCodePoints` except between characters beyond U+FFFF and those from U+E000 to U+FFFF; summaries and
 * reports sort with it, so their bytes stay as they were.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
