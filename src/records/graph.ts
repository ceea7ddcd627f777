import { z } from "zod";
import { commonFields, NonEmpty } from "./common.ts";

export const AttributeValue = z.union([NonEmpty, z.array(NonEmpty).min(1)]);
export type AttributeValue = z.infer<typeof AttributeValue>;

export const GraphEntity = z.object({
  type: NonEmpty,
  name: NonEmpty,
  attributes: z.record(z.string(), AttributeValue).default({}),
});
export type GraphEntity = z.infer<typeof GraphEntity>;

export const GraphRecord = z.object({
  kind: z.literal("graph"),
  ...commonFields,
  text: NonEmpty,
  entities: z.array(GraphEntity),
});
export type GraphRecord = z.infer<typeof GraphRecord>;
