import { z } from "zod";

/**
 * A person's decision on something an LLM wrote (a dictionary entry, a preference rule, a GLAN item),
 * stored beside it: what was decided, by whom, when, and why. `edited` means accepted after changes.
 */
export const REVIEW_DECISIONS = ["accepted", "edited", "rejected"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const ReviewStamp = z
  .object({
    decision: z.enum(REVIEW_DECISIONS),
    by: z.string().min(1),
    /** ISO 8601 time of the decision. */
    at: z.string().min(1),
    note: z.string().optional(),
  })
  .strict();
export type ReviewStamp = z.infer<typeof ReviewStamp>;

/** Whether a decision lets the item into the corpus. */
export function isAccepted(decision: ReviewDecision | undefined): boolean {
  return decision === "accepted" || decision === "edited";
}
