import { z } from "zod";
import { commonFields, NonEmpty } from "./common.ts";

/** General instruction data (alpaca style), kept as is for the IG task. */
export const ChatRecord = z.object({
  kind: z.literal("chat"),
  ...commonFields,
  instruction: NonEmpty,
  input: z.string().optional(),
  output: NonEmpty,
});
export type ChatRecord = z.infer<typeof ChatRecord>;
