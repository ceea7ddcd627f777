// GLAN step 3: for each subject, a syllabus: class sessions in teaching order, each with key concepts.
import { z } from "zod";
import { SubjectItem, SyllabusItem, subjectPathOf } from "./glan-items.ts";
import { type ChildPhase, type Job, phaseRequest, type Reject } from "./glan-phase.ts";
import type { GlanSettings } from "./glan-settings.ts";
import { languageName } from "./prompt-templates.ts";

const Text = z.string().refine((value) => value.trim().length > 0, "must not be blank");
const SyllabusAnswer = z.object({
  sessions: z
    .array(z.object({ title: Text, description: z.string(), key_concepts: z.array(Text).min(1) }))
    .min(1),
});
type SyllabusAnswer = z.infer<typeof SyllabusAnswer>;

export interface SyllabusJob extends Job<SyllabusAnswer> {
  subject: SubjectItem;
}

export function syllabusJobs(subjects: readonly SubjectItem[], settings: GlanSettings): SyllabusJob[] {
  const template = settings.prompts.syllabus;
  return subjects.map((subject) => ({
    id: subject.id,
    subject,
    request: phaseRequest(
      template,
      subject.id,
      {
        ...subjectPathOf(subject),
        description: subject.description,
        sessions: String(settings.sessions),
        concepts: String(settings.concepts),
        language: languageName(settings.lang),
      },
      { schema: SyllabusAnswer, schemaName: "glan_syllabus" },
    ),
  }));
}

/**
 * The syllabus of an answered subject, sessions numbered s1, s2, … in teaching order. Sessions beyond
 * the count and key concepts beyond the limit are cut (and the cut recorded), repeated concepts dropped.
 */
export function syllabusJudge(settings: GlanSettings) {
  return ({ subject }: SyllabusJob, answer: SyllabusAnswer, reject: Reject): SyllabusItem[] => {
    const answered = answer.sessions;
    if (answered.length > settings.sessions)
      reject(
        `${subject.id}/s${settings.sessions + 1}`,
        "extra",
        `${answered.length} sessions, ${settings.sessions} asked for: the rest is cut`,
      );
    const sessions = answered.slice(0, settings.sessions).map((session, position) => ({
      id: `${subject.id}/s${position + 1}`,
      title: session.title.trim(),
      description: session.description.trim(),
      key_concepts: [...new Set(session.key_concepts.map((concept) => concept.trim()))].slice(
        0,
        settings.concepts,
      ),
    }));
    return [
      {
        id: subject.id,
        subject_id: subject.id,
        discipline_id: subject.discipline_id,
        ...subjectPathOf(subject),
        sessions,
        reviewed: false,
      },
    ];
  };
}

/** Step 3 as a phase over subjects.jsonl. */
export const syllabusPhase: ChildPhase<SubjectItem, SyllabusItem, SyllabusAnswer, SyllabusJob> = {
  phase: "syllabus",
  input: SubjectItem,
  output: SyllabusItem,
  parentOf: (item) => item.subject_id,
  jobs: syllabusJobs,
  judge: syllabusJudge,
};
