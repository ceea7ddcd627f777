// GLAN step 4: questions from sampled class sessions and key concepts, one request per question slot,
// near-duplicates dropped before the answers phase pays for them.
import { z } from "zod";
import { QuestionItem, SyllabusItem, subjectPathOf } from "./glan-items.ts";
import { type ChildPhase, type Job, phaseRequest, type Reject } from "./glan-phase.ts";
import type { GlanSettings } from "./glan-settings.ts";
import { languageName } from "./prompt-templates.ts";
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
    request: phaseRequest(
      template,
      slot.id,
      {
        ...subjectPathOf(syllabus),
        question_type: slot.questionType,
        type_description: template.questionTypes[slot.questionType],
        concepts: slot.concepts
          .map((sample) => `- Session "${sample.title}": ${sample.key_concepts.join("; ")}`)
          .join("\n"),
        combination: combination ?? "",
        language: languageName(settings.lang),
      },
      {
        schema: QuestionAnswer,
        schemaName: "glan_question",
        params: { ...template.params, seed: slot.sampleSeed },
      },
    ),
  };
}

/**
 * The question of a slot; a repeat of an earlier question (or of a `known` one, kept from an earlier
 * run) is rejected. One judge serves one run: it remembers the questions it has kept.
 */
export function questionsJudge(settings: GlanSettings, known: readonly QuestionItem[] = []) {
  const deduplicator = new QuestionDeduplicator(settings.nearDuplicate);
  for (const question of known) deduplicator.check(question.id, question.syllabus_id, question.question);
  return ({ slot }: QuestionJob, answer: QuestionAnswer, reject: Reject): QuestionItem[] => {
    const question = answer.question.trim();
    const repeat = deduplicator.check(slot.id, slot.syllabus.id, question);
    if (repeat) {
      reject(
        slot.id,
        "duplicate",
        `repeats ${repeat.duplicateOf} (similarity ${repeat.similarity.toFixed(2)})`,
      );
      return [];
    }
    return [
      {
        id: slot.id,
        syllabus_id: slot.syllabus.id,
        ...subjectPathOf(slot.syllabus),
        question_type: slot.questionType,
        lang: settings.lang,
        concepts: slot.concepts,
        question,
        reviewed: false,
      },
    ];
  };
}

/** Step 4 as a phase over syllabus.jsonl. */
export const questionsPhase: ChildPhase<SyllabusItem, QuestionItem, QuestionAnswer, QuestionJob> = {
  phase: "questions",
  input: SyllabusItem,
  output: QuestionItem,
  parentOf: (item) => item.syllabus_id,
  jobs: questionJobs,
  judge: questionsJudge,
};
