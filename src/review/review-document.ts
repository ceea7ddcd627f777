import type { ReviewStamp } from "../util/index.ts";
import type { ReviewItem } from "./review-item.ts";

/**
 * One file under review: it lists its items and applies a decision to one of them in memory; the
 * store then writes `text()` to `path` atomically. Item keys are stable for the life of the document.
 */
export interface ReviewDocument {
  readonly path: string;
  items(): ReviewItem[];
  /** Apply a decision (and, for `edited`, the new content); throws a message for the page on bad edits. */
  decide(key: string, stamp: ReviewStamp, edits: unknown): ReviewItem;
  text(): string;
}

/** A mistake in what the page sent: answered with 400 and the message. */
export class EditError extends Error {}

export function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string"))
    throw new EditError(`${what} must be a list of strings`);
  return value.map((v) => v.trim()).filter((v) => v !== "");
}

export function plainObject(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new EditError(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}
