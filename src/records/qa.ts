import { z } from "zod";
import { commonFields, NonEmpty, Offset } from "./common.ts";

/** Reading comprehension: extractive when `choices` is absent, multiple choice when present. */
export const QaRecord = z.object({
  kind: z.literal("qa"),
  ...commonFields,
  text: NonEmpty,
  question: NonEmpty,
  /** `null` means the passage does not answer the question. */
  answer: NonEmpty.nullable(),
  answer_start: Offset.optional(),
  choices: z.array(NonEmpty).min(2).optional(),
});
export type QaRecord = z.infer<typeof QaRecord>;
