/** A plain object (not an array, not null): the structural check every parser makes first. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
