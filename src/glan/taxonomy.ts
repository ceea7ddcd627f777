// GLAN step 1: the taxonomy, fields → sub-fields → disciplines, one discipline per line of
// taxonomy.jsonl. Either read from a YAML/JSON file a person wrote (reviewed unless a node says
// otherwise), or drafted by the LLM field by field (unreviewed until a person checks it).
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { disciplineId, slug } from "./glan-ids.ts";
import type { TaxonomyItem } from "./glan-items.ts";
import { type Job, phaseRequest, type Reject } from "./glan-phase.ts";
import type { GlanSettings } from "./glan-settings.ts";
import { languageName } from "./prompt-templates.ts";

const Name = z.string().refine((value) => value.trim().length > 0, "must not be blank");
const DisciplineNode = z.union([
  Name,
  z.object({ name: Name, description: z.string().optional(), reviewed: z.boolean().optional() }).strict(),
]);
const SubFieldNode = z.object({ name: Name, disciplines: z.array(DisciplineNode).min(1) }).strict();
const FieldNode = z.object({ name: Name, sub_fields: z.array(SubFieldNode).min(1) }).strict();
/** The file a person writes: `fields: [{name, sub_fields: [{name, disciplines: [name or {name, description, reviewed}]}]}]`. */
export const TaxonomyFile = z.object({ fields: z.array(FieldNode).min(1) }).strict();

/** The disciplines of a taxonomy file, in file order; a repeated discipline path is an error. */
export function loadTaxonomyFile(path: string): TaxonomyItem[] {
  const text = readFileSync(path, "utf8");
  let value: unknown;
  try {
    value = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(
      `${path}: not valid ${path.endsWith(".json") ? "JSON" : "YAML"}: ${(error as Error).message}`,
    );
  }
  const parsed = TaxonomyFile.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue.path.join(".") || "(file)"}: ${issue.message}`);
  }
  const items: TaxonomyItem[] = [];
  const seen = new Set<string>();
  for (const field of parsed.data.fields)
    for (const subField of field.sub_fields)
      for (const node of subField.disciplines) {
        const discipline = typeof node === "string" ? { name: node } : node;
        const id = disciplineId(field.name, subField.name, discipline.name);
        if (seen.has(id)) throw new Error(`${path}: discipline ${id} appears twice`);
        seen.add(id);
        items.push({
          id,
          field: field.name.trim(),
          sub_field: subField.name.trim(),
          discipline: discipline.name.trim(),
          description: discipline.description?.trim() ?? "",
          origin: "file",
          reviewed: discipline.reviewed ?? true,
        });
      }
  return items;
}

const DraftAnswer = z.object({
  sub_fields: z
    .array(
      z.object({
        name: Name,
        disciplines: z.array(z.object({ name: Name, description: z.string() })).min(1),
      }),
    )
    .min(1),
});
type DraftAnswer = z.infer<typeof DraftAnswer>;

export interface TaxonomyJob extends Job<DraftAnswer> {
  field: string;
}

/** One request per field to draft. */
export function taxonomyJobs(fields: readonly string[], settings: GlanSettings): TaxonomyJob[] {
  const template = settings.prompts.taxonomy;
  return fields.map((field) => ({
    id: slug(field),
    field,
    request: phaseRequest(
      template,
      field,
      {
        field,
        sub_fields: String(settings.subFields),
        disciplines: String(settings.disciplines),
        language: languageName(settings.lang),
      },
      { schema: DraftAnswer, schemaName: "glan_taxonomy" },
    ),
  }));
}

/** The drafted disciplines of a field, unreviewed; repeats and counts beyond the asked ones rejected. */
export function taxonomyJudge(settings: GlanSettings) {
  return (job: TaxonomyJob, answer: DraftAnswer, reject: Reject): TaxonomyItem[] => {
    const items: TaxonomyItem[] = [];
    const seen = new Set<string>();
    for (const [subIndex, subField] of answer.sub_fields.entries()) {
      for (const [disciplineIndex, discipline] of subField.disciplines.entries()) {
        const id = disciplineId(job.field, subField.name, discipline.name);
        if (subIndex >= settings.subFields || disciplineIndex >= settings.disciplines)
          reject(id, "extra", `more than ${settings.subFields}×${settings.disciplines} asked for`);
        else if (seen.has(id)) reject(id, "duplicate", `discipline ${id} appears twice`);
        else {
          seen.add(id);
          items.push({
            id,
            field: job.field,
            sub_field: subField.name.trim(),
            discipline: discipline.name.trim(),
            description: discipline.description.trim(),
            origin: "llm",
            reviewed: false,
          });
        }
      }
    }
    return items;
  };
}
