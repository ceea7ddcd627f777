/**
 * Whether a parsed JSON value nests deeper than `limit` arrays and objects. Iterative, so a line of
 * 5,000 nested brackets is measured without the recursion that would overflow the stack (as
 * JSON.stringify does when such a value is written back to a rejects file).
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== "object" || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current))
      stack.push([child, depth + 1]);
  }
  return false;
}

/** Nesting beyond any real record: such values are kept in rejects files as their text instead. */
export const MAX_JSON_DEPTH = 64;

/** A rejected value as it can be written back: itself, or `text` when it nests too deeply. */
export function writableRejectValue(value: unknown, text: string): unknown {
  return nestsDeeperThan(value, MAX_JSON_DEPTH) ? text : value;
}
