// GLAN step 5: each question answered; question and answer become a canonical `chat` record (source
// `glan`), which `hum synth` turns into IG instructions.
import type { ChatRecord } from "../records/index.ts";
import { type QuestionItem, subjectPathOf } from "./glan-items.ts";
import { type Job, phaseRequest, type Reject } from "./glan-phase.ts";
import type { GlanSettings } from "./glan-settings.ts";
import { languageName } from "./prompt-templates.ts";

export const GLAN_SOURCE = "glan";

/** A chat record with where in the taxonomy its question came from. */
export type GlanChatRecord = ChatRecord & {
  id: string;
  metadata: {
    field: string;
    sub_field: string;
    discipline: string;
    subject: string;
    level: string;
    question_type: string;
    key_concepts: string[];
  };
};

export interface AnswerJob extends Job<string> {
  question: QuestionItem;
}

export function answerJobs(questions: readonly QuestionItem[], settings: GlanSettings): AnswerJob[] {
  return questions.map((question) => ({
    id: question.id,
    question,
    request: phaseRequest(settings.prompts.answers, question.id, {
      question: question.question,
      language: languageName(question.lang),
    }),
  }));
}

/** A question and its answer as a chat record; a blank answer is rejected. */
export function judgeAnswer({ id, question }: AnswerJob, answer: string, reject: Reject): GlanChatRecord[] {
  const output = answer.trim();
  if (output === "") {
    reject(id, "empty", "blank answer");
    return [];
  }
  return [
    {
      kind: "chat",
      id: question.id,
      source: GLAN_SOURCE,
      lang: question.lang,
      instruction: question.question,
      output,
      metadata: {
        ...subjectPathOf(question),
        question_type: question.question_type,
        key_concepts: question.concepts.flatMap((sample) => sample.key_concepts),
      },
    },
  ];
}
