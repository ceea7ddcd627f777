// GLAN step 4: questions from sampled class sessions and key concepts, one request per question slot,
// near-duplicates dropped before the answers phase pays for them.
import { z } from "zod";
import type { LlmResult } from "../llm/index.ts";
import type { GlanRejection, QuestionItem, SyllabusItem } from "./glan-items.ts";
import { failureRejection, type Job } from "./glan-phase.ts";
import type { GlanSettings } from "./glan-settings.ts";
import { languageName, renderMessages } from "./prompt-templates.ts";
import { QuestionDeduplicator } from "./question-dedup.ts";
import { type QuestionSlot, sampleQuestionSlots } from "./question-sampling.ts";

const QuestionAnswer = z.object({
  question: z.string().refine((value) => value.trim().length > 0, "must not be blank"),
});
type QuestionAnswer = z.infer<typeof QuestionAnswer>;

export interface QuestionJob extends Job<QuestionAnswer> {
  slot: QuestionSlot;
}

export function questionJobs(syllabi: readonly SyllabusItem[], settings: GlanSettings): QuestionJob[] {
  return syllabi.flatMap((syllabus) =>
    sampleQuestionSlots(syllabus, settings).map((slot) => questionJob(slot, settings)),
  );
}

function questionJob(slot: QuestionSlot, settings: GlanSettings): QuestionJob {
  const template = settings.prompts.questions;
  const { syllabus } = slot;
  const combination =
    slot.concepts.length > 1 ? template.extras.two_sessions : template.extras.single_session;
  return {
    id: slot.id,
    slot,
    request: {
      messages: renderMessages(template, {
        field: syllabus.field,
        sub_field: syllabus.sub_field,
        discipline: syllabus.discipline,
        subject: syllabus.subject,
        level: syllabus.level,
        question_type: slot.questionType,
        type_description: template.questionTypes[slot.questionType],
        concepts: slot.concepts
          .map((sample) => `- Session "${sample.title}": ${sample.key_concepts.join("; ")}`)
          .join("\n"),
        combination: combination ?? "",
        language: languageName(settings.lang),
      }),
      params: { ...template.params, seed: slot.sampleSeed },
      schema: QuestionAnswer,
      schemaName: "glan_question",
      promptVersion: template.promptVersion,
      id: `glan-questions/${slot.id}`,
    },
  };
}

/**
 * The questions of each syllabus, in slot order; repeats of an earlier question (or of a `known` one,
 * kept from an earlier run) are rejected.
 */
export function judgeQuestions(
  jobs: readonly QuestionJob[],
  results: readonly LlmResult<QuestionAnswer>[],
  settings: GlanSettings,
  known: readonly QuestionItem[] = [],
): { bySyllabus: Map<string, QuestionItem[]>; rejected: GlanRejection[] } {
  const bySyllabus = new Map<string, QuestionItem[]>();
  const rejected: GlanRejection[] = [];
  const deduplicator = new QuestionDeduplicator(settings.nearDuplicate);
  for (const question of known) deduplicator.check(question.id, question.syllabus_id, question.question);
  for (const [index, job] of jobs.entries()) {
    const result = results[index];
    const { slot } = job;
    const list = bySyllabus.get(slot.syllabus.id) ?? [];
    bySyllabus.set(slot.syllabus.id, list);
    if (!result.ok) {
      rejected.push(failureRejection(job.id, result));
      continue;
    }
    const question = result.value.question.trim();
    const repeat = deduplicator.check(slot.id, slot.syllabus.id, question);
    if (repeat) {
      rejected.push({
        id: slot.id,
        reason: "duplicate",
        message: `repeats ${repeat.duplicateOf} (similarity ${repeat.similarity.toFixed(2)})`,
        raw_answer: result.rawText,
      });
      continue;
    }
    list.push({
      id: slot.id,
      syllabus_id: slot.syllabus.id,
      field: slot.syllabus.field,
      sub_field: slot.syllabus.sub_field,
      discipline: slot.syllabus.discipline,
      subject: slot.syllabus.subject,
      level: slot.syllabus.level,
      question_type: slot.questionType,
      lang: settings.lang,
      concepts: slot.concepts,
      question,
      reviewed: false,
    });
  }
  return { bySyllabus, rejected };
}
