// GLAN step 2: for each discipline, the subjects a student of it studies, each at one level.
import { z } from "zod";
import { subjectId } from "./glan-ids.ts";
import { disciplinePathOf, SubjectItem, TaxonomyItem } from "./glan-items.ts";
import { type ChildPhase, type Job, phaseRequest, type Reject } from "./glan-phase.ts";
import type { GlanSettings } from "./glan-settings.ts";
import { languageName } from "./prompt-templates.ts";

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
    request: phaseRequest(
      template,
      discipline.id,
      {
        ...disciplinePathOf(discipline),
        description: discipline.description,
        count: String(settings.subjects),
        levels: settings.levels.join(", "),
        language: languageName(settings.lang),
      },
      { schema, schemaName: "glan_subjects" },
    ),
  }));
}

/** The subjects of a discipline (unreviewed); repeats and subjects beyond the count are rejected. */
export function subjectsJudge(settings: GlanSettings) {
  return ({ discipline }: SubjectsJob, answer: SubjectsAnswer, reject: Reject): SubjectItem[] => {
    const items: SubjectItem[] = [];
    for (const subject of answer.subjects) {
      const id = subjectId(discipline.id, subject.name, subject.level);
      if (items.some((item) => item.id === id)) reject(id, "duplicate", `subject ${id} appears twice`);
      else if (items.length >= settings.subjects)
        reject(id, "extra", `more than ${settings.subjects} asked for`);
      else
        items.push({
          id,
          discipline_id: discipline.id,
          ...disciplinePathOf(discipline),
          subject: subject.name.trim(),
          level: subject.level,
          description: subject.description.trim(),
          reviewed: false,
        });
    }
    return items;
  };
}

/** Step 2 as a phase over taxonomy.jsonl. */
export const subjectsPhase: ChildPhase<TaxonomyItem, SubjectItem, SubjectsAnswer, SubjectsJob> = {
  phase: "subjects",
  input: TaxonomyItem,
  output: SubjectItem,
  parentOf: (item) => item.discipline_id,
  jobs: subjectsJobs,
  judge: subjectsJudge,
};
