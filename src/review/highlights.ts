/**
 * The strings of an annotation to highlight in its text: span values (entity texts, subjects and
 * objects, triggers, argument texts, attribute values), never label names such as roles or types.
 */
const LABEL_KEYS = new Set([
  "role",
  "type",
  "relation",
  "subject_type",
  "object_type",
  "event_type",
  "entity_type",
]);

export function spanStrings(answer: unknown): string[] {
  const found = new Set<string>();
  collect(answer, undefined, found);
  return [...found];
}

function collect(value: unknown, key: string | undefined, found: Set<string>): void {
  if (typeof value === "string") {
    if (value !== "" && value !== "NAN" && !(key !== undefined && LABEL_KEYS.has(key))) found.add(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collect(item, key, found);
    return;
  }
  if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) collect(v, k, found);
}
