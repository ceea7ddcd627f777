import { z } from "zod";

export const Language = z.enum(["en", "zh"]);
export type Language = z.infer<typeof Language>;

/** Fields every canonical record carries. */
export const commonFields = {
  id: z.string().min(1).optional(),
  source: z.string().min(1),
  lang: Language,
};

/** A non-empty string; label names and spans are never blank. */
export const NonEmpty = z.string().refine((value) => value.trim().length > 0, "must not be blank");

export const Offset = z.number().int().nonnegative();
