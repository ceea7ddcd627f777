import { z } from "zod";
import { commonFields, NonEmpty, Offset } from "./common.ts";

export const EventArgument = z.object({ role: NonEmpty, text: NonEmpty, start: Offset.optional() });
export type EventArgument = z.infer<typeof EventArgument>;

export const Event = z.object({
  type: NonEmpty,
  trigger: NonEmpty,
  trigger_start: Offset.optional(),
  arguments: z.array(EventArgument).default([]),
});
export type Event = z.infer<typeof Event>;

export const EventsRecord = z.object({
  kind: z.literal("events"),
  ...commonFields,
  text: NonEmpty,
  events: z.array(Event),
});
export type EventsRecord = z.infer<typeof EventsRecord>;
