// GLAN step 5: each question answered; question and answer become a canonical `chat` record (source
// `glan`), which `hum synth` turns into IG instructions.
import type { LlmResult } from "../llm/index.ts";
import type { ChatRecord } from "../records/index.ts";
import type { GlanRejection, QuestionItem } from "./glan-items.ts";
import { failureRejection, type Job } from "./glan-phase.ts";
import type { GlanSettings } from "./glan-settings.ts";
import { languageName, renderMessages } from "./prompt-templates.ts";

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
  const template = settings.prompts.answers;
  return questions.map((question) => ({
    id: question.id,
    question,
    request: {
      messages: renderMessages(template, {
        question: question.question,
        language: languageName(question.lang),
      }),
      params: template.params,
      promptVersion: template.promptVersion,
      id: `glan-answers/${question.id}`,
    },
  }));
}

export function judgeAnswers(
  jobs: readonly AnswerJob[],
  results: readonly LlmResult<string>[],
): { records: GlanChatRecord[]; rejected: GlanRejection[] } {
  const records: GlanChatRecord[] = [];
  const rejected: GlanRejection[] = [];
  for (const [index, job] of jobs.entries()) {
    const result = results[index];
    if (!result.ok) {
      rejected.push(failureRejection(job.id, result));
      continue;
    }
    const output = result.value.trim();
    if (output === "") {
      rejected.push({
        id: job.id,
        reason: "empty",
        message: "blank answer",
        raw_answer: result.rawText,
      });
      continue;
    }
    const { question } = job;
    records.push({
      kind: "chat",
      id: question.id,
      source: GLAN_SOURCE,
      lang: question.lang,
      instruction: question.question,
      output,
      metadata: {
        field: question.field,
        sub_field: question.sub_field,
        discipline: question.discipline,
        subject: question.subject,
        level: question.level,
        question_type: question.question_type,
        key_concepts: question.concepts.flatMap((sample) => sample.key_concepts),
      },
    });
  }
  return { records, rejected };
}
