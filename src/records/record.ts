import { z } from "zod";
import { ChatRecord } from "./chat.ts";
import { ClassificationRecord } from "./classification.ts";
import { EntitiesRecord } from "./entities.ts";
import { EventsRecord } from "./events.ts";
import { GraphRecord } from "./graph.ts";
import { QaRecord } from "./qa.ts";
import { RelationsRecord } from "./relations.ts";
import { TuplesRecord } from "./tuples.ts";

/** A canonical labeled record: one JSON object per line, discriminated by `kind`. */
export const CanonicalRecord = z.discriminatedUnion("kind", [
  EntitiesRecord,
  RelationsRecord,
  EventsRecord,
  TuplesRecord,
  GraphRecord,
  QaRecord,
  ClassificationRecord,
  ChatRecord,
]);
export type CanonicalRecord = z.infer<typeof CanonicalRecord>;
export type RecordKind = CanonicalRecord["kind"];

export const RECORD_KINDS: readonly RecordKind[] = [
  "entities",
  "relations",
  "events",
  "tuples",
  "graph",
  "qa",
  "classification",
  "chat",
];

export type {
  ChatRecord,
  ClassificationRecord,
  EntitiesRecord,
  EventsRecord,
  GraphRecord,
  QaRecord,
  RelationsRecord,
  TuplesRecord,
};
