// What every phase shares: a phase builds one job per request (the request plus what its answer will
// be attached to), asks them all through an injected `ask` (the LLM layer in a command, an in-process
// fake in unit tests), judges each answer, and keeps what a person already reviewed.
import type { ZodType } from "zod";
import { type Ask, type LlmRequest, type LlmResult, runLlmJob } from "../llm/index.ts";
import type { GlanRejection } from "./glan-items.ts";
import type { GlanSettings } from "./glan-settings.ts";
import { type GlanPhase, type PromptTemplate, renderMessages } from "./prompt-templates.ts";

/** Answers requests in order; null when nothing was asked (planning or batch export). */
export type { Ask };

export interface Job<T> {
  /** The id of the item asked about: a failure is recorded under it. */
  id: string;
  request: LlmRequest<T>;
}

/**
 * A phase that asks about each item of the previous phase's file: what it reads and writes, its
 * prompt (`jobs`) and its judge. Output items name the input item they belong to (`parentOf`).
 */
export interface ChildPhase<In, Out, Answer, J extends Job<Answer>> {
  phase: GlanPhase;
  input: ZodType<In>;
  output: ZodType<Out>;
  parentOf(item: Out): string;
  jobs(items: readonly In[], settings: GlanSettings): J[];
  /** The judge of one run's answers; `known` are the output items kept from an earlier run. */
  judge(settings: GlanSettings, known: readonly Out[]): (job: J, answer: Answer, reject: Reject) => Out[];
}

/**
 * The request of one job: the phase's template filled with `variables`, its parameters and version,
 * named `glan-<phase>/<id>`. `answer` adds the schema of a structured answer (and may override params).
 */
export function phaseRequest<T>(
  template: PromptTemplate,
  id: string,
  variables: Record<string, string>,
  answer: Pick<LlmRequest<T>, "schema" | "schemaName" | "params"> = {},
): LlmRequest<T> {
  return {
    messages: renderMessages(template, variables),
    params: template.params,
    promptVersion: template.promptVersion,
    id: `glan-${template.phase}/${id}`,
    ...answer,
  };
}

/** Records that part of an answer is not kept: the id it would have had and why (the raw answer is added). */
export type Reject = (id: string, reason: string, message: string) => void;

/**
 * Judges every answer in job order: a failed request becomes a rejection under its job's id with the
 * raw text; an answer goes to `judgeOne`, which returns the items it keeps and rejects the rest.
 */
export function judgeEach<A, J extends Job<A>, T>(
  jobs: readonly J[],
  results: readonly LlmResult<A>[],
  judgeOne: (job: J, answer: A, reject: Reject) => T[],
): { items: T[]; rejected: GlanRejection[] } {
  const items: T[] = [];
  const rejected: GlanRejection[] = [];
  for (const [index, job] of jobs.entries()) {
    const result = results[index];
    if (!result.ok) {
      rejected.push({
        id: job.id,
        reason: result.reason,
        message: result.message,
        raw_answer: result.rawText,
      });
      continue;
    }
    const reject: Reject = (id, reason, message) =>
      rejected.push({ id, reason, message, raw_answer: result.rawText });
    items.push(...judgeOne(job, result.value, reject));
  }
  return { items, rejected };
}

/** Items grouped by their parent's id, each group in item order. */
export function groupByParent<T>(items: Iterable<T>, parentOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const parent = parentOf(item);
    const group = groups.get(parent) ?? [];
    group.push(item);
    groups.set(parent, group);
  }
  return groups;
}

/**
 * Items of the existing output to keep, grouped by parent: a parent with at least one item a person
 * decided on (reviewed, or stamped by `hum review`, rejections included) keeps all its items as they
 * are and is not asked again, so a rerun never overwrites a person's edits or verdicts; a parent
 * outside this run's selection (`--only`) keeps its items too.
 */
export function keptByParent<T extends Reviewable>(
  existing: readonly T[],
  parentOf: (item: T) => string,
  selected: (parent: string) => boolean,
): Map<string, T[]> {
  const reviewedParents = new Set(existing.filter(decidedByPerson).map(parentOf));
  const keep = (item: T) => reviewedParents.has(parentOf(item)) || !selected(parentOf(item));
  return groupByParent(existing.filter(keep), parentOf);
}

/** Whether an id is one of, or lies under, the given id prefixes (all ids when there are none). */
export function isSelected(id: string, only: readonly string[]): boolean {
  return only.length === 0 || only.some((prefix) => id === prefix || id.startsWith(`${prefix}/`));
}

export interface Reviewable {
  reviewed: boolean;
  review?: { decision: string } | undefined;
}

function decidedByPerson(item: Reviewable): boolean {
  return item.reviewed || item.review !== undefined;
}

/** Rejected in review: never used by a later phase, with or without --reviewed-only. */
export function isRejectedInReview(item: Reviewable): boolean {
  return item.review?.decision === "rejected";
}

/** Items in parent order: the kept ones where a parent has them, else the fresh ones. */
export function assembleByParent<T>(
  parents: readonly string[],
  kept: ReadonlyMap<string, T[]>,
  fresh: ReadonlyMap<string, T[]>,
): T[] {
  return parents.flatMap((parent) => kept.get(parent) ?? fresh.get(parent) ?? []);
}

/** Asks every job; null in planning mode. A result list of the wrong length is a programming error. */
export function askJobs<T>(jobs: readonly Job<T>[], ask: Ask): Promise<readonly LlmResult<T>[] | null> {
  return runLlmJob({ requests: () => jobs.map((job) => job.request), judge: (results) => results }, ask);
}
