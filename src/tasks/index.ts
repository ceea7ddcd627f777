import type { CanonicalRecord, RecordKind } from "../records/index.ts";
import { lookup } from "../util/index.ts";
import { ee } from "./ee.ts";
import { eea } from "./eea.ts";
import { eet } from "./eet.ts";
import { ig } from "./ig.ts";
import { kge } from "./kge.ts";
import { mrc } from "./mrc.ts";
import { ner } from "./ner.ts";
import { openie } from "./openie.ts";
import { re } from "./re.ts";
import { spo } from "./spo.ts";
import type { TaskName, TaskSpec } from "./task.ts";
import { tc } from "./tc.ts";

export { type ArgumentValues, MISSING } from "./event-answer.ts";
export { isNotMentioned, NOT_MENTIONED, notMentioned } from "./mrc.ts";
export * from "./task.ts";

/** The eleven tasks, in the order their instructions are written for a record. */
export const TASKS: readonly TaskSpec[] = [
  ner,
  re,
  spo,
  ee,
  eet,
  eea,
  openie,
  kge,
  mrc,
  tc,
  ig,
] as unknown as TaskSpec[];

export function taskByName(name: TaskName | string): TaskSpec {
  return lookup(TASKS, name, "task");
}

/** The tasks a record kind feeds: events feed EE, EET and EEA; relations feed RE and SPO. */
export function tasksForKind(kind: RecordKind): TaskSpec[] {
  return TASKS.filter((t) => t.recordKind === kind);
}

export type { RelationAnswer } from "./relation-answer.ts";
export type { CanonicalRecord };
