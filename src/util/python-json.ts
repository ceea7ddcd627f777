import { keyOrder, orderedEntries } from "./key-order.ts";

/**
 * JSON text as Python's `json.dumps(value, ensure_ascii=False)` writes it: `", "` between items,
 * `": "` after keys, non-ASCII characters left as they are. IEPile and OneKE serialise their
 * instructions and outputs this way, so models trained on them read ours unchanged.
 *
 * Strings, numbers and keys are escaped by JSON.stringify, whose escapes for ensure_ascii=False match
 * Python's (quote, backslash, control characters); only the separators differ. Keys come in their
 * intended order (`withKeyOrder`), so integer-like labels keep their place as in a Python dict.
 */
export function pythonJson(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`pythonJson: ${typeof value} is not serialisable`);
    return text;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    let text = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ", ";
      const item = value[i];
      text += item === undefined ? "null" : pythonJson(item);
    }
    return `${text}]`;
  }
  // Most objects carry no attached order: their own key order is the one to write.
  if (keyOrder(value)) return objectText(orderedEntries(value));
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let text = "{";
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const item = record[keys[i]];
    if (item === undefined || typeof item === "function") continue;
    if (first) first = false;
    else text += ", ";
    text += `${keyText(keys[i])}${pythonJson(item)}`;
  }
  return `${text}}`;
}

function objectText(entries: ReadonlyArray<[string, unknown]>): string {
  let text = "{";
  let first = true;
  for (const [key, item] of entries) {
    if (item === undefined || typeof item === "function") continue;
    if (first) first = false;
    else text += ", ";
    text += `${keyText(key)}${pythonJson(item)}`;
  }
  return `${text}}`;
}

/**
 * A key as written before its value: `"key": `. Answers repeat the same few labels as keys record after
 * record, and finding the text made before costs less than escaping the key again; the texts kept are
 * bounded, as keys may be as many as the records.
 */
function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    if (keyTexts.size >= KEY_TEXTS_LIMIT) keyTexts.clear();
    text = `${JSON.stringify(key)}: `;
    keyTexts.set(key, text);
  }
  return text;
}

const keyTexts = new Map<string, string>();
const KEY_TEXTS_LIMIT = 10_000;
