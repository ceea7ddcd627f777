// GLAN step 2: for each discipline, the subjects a student of it studies, each at one level.
import { z } from "zod";
import type { LlmResult } from "../llm/index.ts";
import { subjectId } from "./glan-ids.ts";
import type { GlanRejection, SubjectItem, TaxonomyItem } from "./glan-items.ts";
import { failureRejection, type Job } from "./glan-phase.ts";
import type { GlanSettings } from "./glan-settings.ts";
import { languageName, renderMessages } from "./prompt-templates.ts";

const Name = z.string().refine((value) => value.trim().length > 0, "must not be blank");

function subjectsAnswer(levels: readonly string[]) {
  return z.object({
    subjects: z
      .array(
        z.object({ name: Name, level: z.enum(levels as [string, ...string[]]), description: z.string() }),
      )
      .min(1),
  });
}
type SubjectsAnswer = z.infer<ReturnType<typeof subjectsAnswer>>;

export interface SubjectsJob extends Job<SubjectsAnswer> {
  discipline: TaxonomyItem;
}

export function subjectsJobs(disciplines: readonly TaxonomyItem[], settings: GlanSettings): SubjectsJob[] {
  const template = settings.prompts.subjects;
  const schema = subjectsAnswer(settings.levels);
  return disciplines.map((discipline) => ({
    id: discipline.id,
    discipline,
    request: {
      messages: renderMessages(template, {
        field: discipline.field,
        sub_field: discipline.sub_field,
        discipline: discipline.discipline,
        description: discipline.description,
        count: String(settings.subjects),
        levels: settings.levels.join(", "),
        language: languageName(settings.lang),
      }),
      params: template.params,
      schema,
      schemaName: "glan_subjects",
      promptVersion: template.promptVersion,
      id: `glan-subjects/${discipline.id}`,
    },
  }));
}

/** The subjects of each discipline (unreviewed); repeats and subjects beyond the count are rejected. */
export function judgeSubjects(
  jobs: readonly SubjectsJob[],
  results: readonly LlmResult<SubjectsAnswer>[],
  settings: GlanSettings,
): { byDiscipline: Map<string, SubjectItem[]>; rejected: GlanRejection[] } {
  const byDiscipline = new Map<string, SubjectItem[]>();
  const rejected: GlanRejection[] = [];
  for (const [index, job] of jobs.entries()) {
    const result = results[index];
    if (!result.ok) {
      rejected.push(failureRejection(job.id, result));
      continue;
    }
    const { discipline } = job;
    const items: SubjectItem[] = [];
    for (const subject of result.value.subjects) {
      const id = subjectId(discipline.id, subject.name, subject.level);
      const reject = (reason: string, message: string) =>
        rejected.push({ id, reason, message, raw_answer: result.rawText });
      if (items.some((item) => item.id === id)) reject("duplicate", `subject ${id} appears twice`);
      else if (items.length >= settings.subjects) reject("extra", `more than ${settings.subjects} asked for`);
      else
        items.push({
          id,
          discipline_id: discipline.id,
          field: discipline.field,
          sub_field: discipline.sub_field,
          discipline: discipline.discipline,
          subject: subject.name.trim(),
          level: subject.level,
          description: subject.description.trim(),
          reviewed: false,
        });
    }
    byDiscipline.set(discipline.id, items);
  }
  return { byDiscipline, rejected };
}
