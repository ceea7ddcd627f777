import { z } from "zod";
import { commonFields, NonEmpty, Offset } from "./common.ts";

export const Entity = z.object({
  text: NonEmpty,
  type: NonEmpty,
  start: Offset.optional(),
  end: Offset.optional(),
});
export type Entity = z.infer<typeof Entity>;

export const EntitiesRecord = z.object({
  kind: z.literal("entities"),
  ...commonFields,
  text: NonEmpty,
  entities: z.array(Entity),
});
export type EntitiesRecord = z.infer<typeof EntitiesRecord>;
