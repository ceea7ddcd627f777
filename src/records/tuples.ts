import { z } from "zod";
import { commonFields, NonEmpty } from "./common.ts";

export const OpenTuple = z.object({
  subject: NonEmpty,
  predicate: NonEmpty,
  object: NonEmpty.optional(),
  time: NonEmpty.optional(),
  location: NonEmpty.optional(),
});
export type OpenTuple = z.infer<typeof OpenTuple>;

export const TuplesRecord = z.object({
  kind: z.literal("tuples"),
  ...commonFields,
  text: NonEmpty,
  tuples: z.array(OpenTuple),
});
export type TuplesRecord = z.infer<typeof TuplesRecord>;
