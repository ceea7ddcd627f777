import { z } from "zod";
import { commonFields, NonEmpty, Offset } from "./common.ts";

export const Relation = z.object({
  subject: NonEmpty,
  relation: NonEmpty,
  object: NonEmpty,
  subject_type: NonEmpty.optional(),
  object_type: NonEmpty.optional(),
  subject_start: Offset.optional(),
  object_start: Offset.optional(),
});
export type Relation = z.infer<typeof Relation>;

export const RelationsRecord = z.object({
  kind: z.literal("relations"),
  ...commonFields,
  text: NonEmpty,
  relations: z.array(Relation),
});
export type RelationsRecord = z.infer<typeof RelationsRecord>;
