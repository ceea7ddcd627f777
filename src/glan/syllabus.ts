// GLAN step 3: for each subject, a syllabus: class sessions in teaching order, each with key concepts.
import { z } from "zod";
import type { LlmResult } from "../llm/index.ts";
import type { GlanRejection, SubjectItem, SyllabusItem } from "./glan-items.ts";
import { failureRejection, type Job } from "./glan-phase.ts";
import type { GlanSettings } from "./glan-settings.ts";
import { languageName, renderMessages } from "./prompt-templates.ts";

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
    request: {
      messages: renderMessages(template, {
        field: subject.field,
        sub_field: subject.sub_field,
        discipline: subject.discipline,
        subject: subject.subject,
        level: subject.level,
        description: subject.description,
        sessions: String(settings.sessions),
        concepts: String(settings.concepts),
        language: languageName(settings.lang),
      }),
      params: template.params,
      schema: SyllabusAnswer,
      schemaName: "glan_syllabus",
      promptVersion: template.promptVersion,
      id: `glan-syllabus/${subject.id}`,
    },
  }));
}

/**
 * One syllabus per answered subject, sessions numbered s1, s2, … in teaching order. Sessions beyond the
 * count and key concepts beyond the limit are cut (and the cut recorded), repeated concepts dropped.
 */
export function judgeSyllabi(
  jobs: readonly SyllabusJob[],
  results: readonly LlmResult<SyllabusAnswer>[],
  settings: GlanSettings,
): { bySubject: Map<string, SyllabusItem[]>; rejected: GlanRejection[] } {
  const bySubject = new Map<string, SyllabusItem[]>();
  const rejected: GlanRejection[] = [];
  for (const [index, job] of jobs.entries()) {
    const result = results[index];
    if (!result.ok) {
      rejected.push(failureRejection(job.id, result));
      continue;
    }
    const { subject } = job;
    const answered = result.value.sessions;
    if (answered.length > settings.sessions)
      rejected.push({
        id: `${subject.id}/s${settings.sessions + 1}`,
        reason: "extra",
        message: `${answered.length} sessions, ${settings.sessions} asked for: the rest is cut`,
        raw_answer: result.rawText,
      });
    const sessions = answered.slice(0, settings.sessions).map((session, position) => ({
      id: `${subject.id}/s${position + 1}`,
      title: session.title.trim(),
      description: session.description.trim(),
      key_concepts: [...new Set(session.key_concepts.map((concept) => concept.trim()))].slice(
        0,
        settings.concepts,
      ),
    }));
    bySubject.set(subject.id, [
      {
        id: subject.id,
        subject_id: subject.id,
        discipline_id: subject.discipline_id,
        field: subject.field,
        sub_field: subject.sub_field,
        discipline: subject.discipline,
        subject: subject.subject,
        level: subject.level,
        sessions,
        reviewed: false,
      },
    ]);
  }
  return { bySubject, rejected };
}
