import { z } from "zod";
import { commonFields, NonEmpty } from "./common.ts";

export const ClassificationRecord = z.object({
  kind: z.literal("classification"),
  ...commonFields,
  text: NonEmpty,
  label: NonEmpty,
  /** Which instruction style fits: a topic among many, or the sentiment of a review. */
  aspect: z.enum(["topic", "sentiment"]).optional(),
});
export type ClassificationRecord = z.infer<typeof ClassificationRecord>;
