/**
 * JSON text as Python's `json.dumps(value, ensure_ascii=False)` writes it: `", "` between items,
 * `": "` after keys, non-ASCII characters left as they are. IEPile and OneKE serialise their
 * instructions and outputs this way, so models trained on them read ours unchanged.
 */
export function pythonJson(value: unknown): string {
  // With an indent, JSON.stringify puts a raw newline only between structural tokens (newlines inside
  // strings are escaped as \n), so folding every "newline + indent" gives Python's separators.
  const indented = JSON.stringify(value, null, 1);
  if (indented === undefined) throw new TypeError("pythonJson: value is not serialisable");
  return indented.replace(FOLD, (_match, comma: string) => (comma ? ", " : ""));
}

const FOLD = /(,?)\n */g;
