// GLAN step 1: the taxonomy, fields → sub-fields → disciplines, one discipline per line of
// taxonomy.jsonl. Either read from a YAML/JSON file a person wrote (reviewed unless a node says
// otherwise), or drafted by the LLM field by field (unreviewed until a person checks it).
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { LlmResult } from "../llm/index.ts";
import { disciplineId, slug } from "./glan-ids.ts";
import type { GlanRejection, TaxonomyItem } from "./glan-items.ts";
import { failureRejection, type Job } from "./glan-phase.ts";
import type { GlanSettings } from "./glan-settings.ts";
import { languageName, renderMessages } from "./prompt-templates.ts";

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
    request: {
      messages: renderMessages(template, {
        field,
        sub_fields: String(settings.subFields),
        disciplines: String(settings.disciplines),
        language: languageName(settings.lang),
      }),
      params: template.params,
      schema: DraftAnswer,
      schemaName: "glan_taxonomy",
      promptVersion: template.promptVersion,
      id: `glan-taxonomy/${field}`,
    },
  }));
}

/** The drafted disciplines of each field, unreviewed; repeats and counts beyond the asked ones rejected. */
export function judgeTaxonomy(
  jobs: readonly TaxonomyJob[],
  results: readonly LlmResult<DraftAnswer>[],
  settings: GlanSettings,
): { byField: Map<string, TaxonomyItem[]>; rejected: GlanRejection[] } {
  const byField = new Map<string, TaxonomyItem[]>();
  const rejected: GlanRejection[] = [];
  for (const [index, job] of jobs.entries()) {
    const result = results[index];
    if (!result.ok) {
      rejected.push(failureRejection(job.id, result));
      continue;
    }
    const items: TaxonomyItem[] = [];
    const seen = new Set<string>();
    const reject = (id: string, reason: string, message: string) =>
      rejected.push({ id, reason, message, raw_answer: result.rawText });
    for (const [subIndex, subField] of result.value.sub_fields.entries()) {
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
    byField.set(job.field, items);
  }
  return { byField, rejected };
}
