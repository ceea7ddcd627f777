// Ids are paths: field/sub-field/discipline/subject/level/…, each part a slug of its name, so an id
// says where an item sits and stays the same however often (or in whatever order) a phase runs.

/** Lower case, runs of anything but letters and digits become one "-"; letters of any script stay. */
export function slug(name: string): string {
  const cleaned = name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return cleaned === "" ? "x" : cleaned;
}

export function childId(parentId: string, name: string): string {
  return `${parentId}/${slug(name)}`;
}

export function disciplineId(field: string, subField: string, discipline: string): string {
  return [field, subField, discipline].map(slug).join("/");
}

export function subjectId(disciplineId: string, subject: string, level: string): string {
  return `${childId(disciplineId, subject)}/${slug(level)}`;
}
