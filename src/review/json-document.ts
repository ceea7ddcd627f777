import { basename } from "node:path";
import { ReviewStamp } from "../util/index.ts";
import { JsonlLines } from "./jsonl-lines.ts";
import { EditError, plainObject, type ReviewDocument } from "./review-document.ts";
import type { ReviewItem } from "./review-item.ts";

/** Fields of an item that belong to the review, not to its content. */
const REVIEW_FIELDS = new Set(["id", "reviewed", "review"]);
/** Fields that name an item best, in order of preference. */
const TITLE_FIELDS = ["title", "name", "subject", "session", "discipline", "field", "question", "topic"];
/** Fields that say where an item belongs, for the page's source filter. */
const SOURCE_FIELDS = ["discipline", "field", "subject"];

/**
 * A JSONL file of generated items with a stable string `id` and a boolean `reviewed` on every line
 * (GLAN's taxonomy, subjects and syllabi): shown as its fields, edited as a JSON object. The file's
 * name (without `.jsonl`) names the stage in the page's strategy filter.
 */
export class JsonDocument implements ReviewDocument {
  readonly path: string;
  readonly #lines: JsonlLines;
  readonly #prefix: string;
  readonly #lineOf = new Map<string, number>();

  constructor(path: string, prefix: string) {
    this.path = path;
    this.#prefix = prefix;
    this.#lines = new JsonlLines(path);
    for (const [index, object] of this.#lines.entries()) {
      const where = `${path}:${index + 1}`;
      if (typeof object.id !== "string" || object.id === "") throw new Error(`${where}: no string "id"`);
      if (object.reviewed !== undefined && typeof object.reviewed !== "boolean")
        throw new Error(`${where}: "reviewed" must be true or false`);
      if (object.review !== undefined && !ReviewStamp.safeParse(object.review).success)
        throw new Error(`${where}: "review" is not a review stamp`);
      if (this.#lineOf.has(object.id)) throw new Error(`${where}: id "${object.id}" appears twice`);
      this.#lineOf.set(object.id, index);
    }
  }

  items(): ReviewItem[] {
    return [...this.#lineOf.keys()].map((id) => this.#item(id));
  }

  decide(key: string, stamp: ReviewStamp, edits: unknown): ReviewItem {
    const index = this.#lineOf.get(key);
    const object = index === undefined ? undefined : this.#lines.get(index);
    if (index === undefined || !object) throw new EditError(`no item "${key}"`);
    let next: Record<string, unknown> = { ...object };
    if (stamp.decision === "edited") {
      const fields = plainObject(plainObject(edits, "edits").object, "the item");
      const content = Object.fromEntries(Object.entries(fields).filter(([k]) => !REVIEW_FIELDS.has(k)));
      next = { id: object.id, ...content };
    }
    next.reviewed = stamp.decision !== "rejected";
    next.review = stamp;
    this.#lines.set(index, next);
    return this.#item(key);
  }

  text(): string {
    return this.#lines.text();
  }

  #item(id: string): ReviewItem {
    const object = this.#lines.get(this.#lineOf.get(id)!)!;
    const content = Object.fromEntries(Object.entries(object).filter(([k]) => !REVIEW_FIELDS.has(k)));
    const review = object.review as ReviewStamp | undefined;
    return {
      id: `${this.#prefix}${id}`,
      kind: "glan",
      file: basename(this.path),
      source: firstString(object, SOURCE_FIELDS) ?? "",
      label: typeof object.level === "string" ? object.level : "",
      strategy: basename(this.path).replace(/\.jsonl$/, ""),
      title: firstString(object, TITLE_FIELDS) ?? id,
      status: review?.decision ?? (object.reviewed === true ? "accepted" : "unreviewed"),
      ...(review ? { review } : {}),
      content: { object: content },
    };
  }
}

function firstString(object: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}
