import { orderedEntries } from "./key-order.ts";

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
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`pythonJson: ${typeof value} is not serialisable`);
    return text;
  }
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ", ";
      text += value[i] === undefined ? "null" : pythonJson(value[i]);
    }
    return `${text}]`;
  }
  let text = "{";
  let first = true;
  for (const [key, item] of orderedEntries(value)) {
    if (item === undefined || typeof item === "function") continue;
    text += `${first ? "" : ", "}${JSON.stringify(key)}: ${pythonJson(item)}`;
    first = false;
  }
  return `${text}}`;
}
