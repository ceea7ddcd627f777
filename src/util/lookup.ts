/** What a registry holds, for the error that lists its names ("output format", "formats"). */
export interface LookupWhat {
  /** The kind of thing, singular: `unknown <one> "x"`. */
  readonly one: string;
  /** Its plural in `known <many>: a, b`; the singular plus "s" when absent. */
  readonly many?: string;
  /** The error to throw: a usage error where the name came from a flag. */
  readonly error?: new (
    message: string,
  ) => Error;
}

/**
 * The entry of a registry (tasks, formats, readers, strategies, tokenizers) with this name. An
 * unknown name throws an error naming every known one, so a typo shows its fix.
 */
export function lookup<T extends { readonly name: string }>(
  registry: readonly T[],
  name: string,
  what: LookupWhat | string,
): T {
  const found = registry.find((entry) => entry.name === name);
  if (found) return found;
  const { one, many = `${one}s`, error = Error } = typeof what === "string" ? { one: what } : what;
  throw new error(
    `unknown ${one} "${name}"; known ${many}: ${registry.map((entry) => entry.name).join(", ")}`,
  );
}
