// What every phase shares: a phase builds one job per request (the request plus what its answer will
// be attached to), asks them all through an injected `ask` (the LLM layer in a command, an in-process
// fake in unit tests), judges each answer, and keeps what a person already reviewed.
import { type Ask, type LlmRequest, type LlmResult, runLlmJob } from "../llm/index.ts";
import type { GlanRejection } from "./glan-items.ts";

/** Answers requests in order; null when nothing was asked (planning or batch export). */
export type { Ask };

export interface Job<T> {
  /** The id of the item asked about: a failure is recorded under it. */
  id: string;
  request: LlmRequest<T>;
}

/** A failed request as a rejection line. */
export function failureRejection(id: string, result: LlmResult<unknown> & { ok: false }): GlanRejection {
  return { id, reason: result.reason, message: result.message, raw_answer: result.rawText };
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
  const kept = new Map<string, T[]>();
  for (const item of existing) {
    const parent = parentOf(item);
    if (!reviewedParents.has(parent) && selected(parent)) continue;
    const list = kept.get(parent) ?? [];
    list.push(item);
    kept.set(parent, list);
  }
  return kept;
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
