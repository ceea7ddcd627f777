/** The distinct values, each at its first position. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
