import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { DatasetInput } from "../readers/index.ts";
import { REVIEW_DECISIONS, type ReviewStamp, writeFileAtomic } from "../util/index.ts";
import { EMPTY_CONTEXT, readCorpusContext } from "./corpus-context.ts";
import { DictionaryDocument } from "./dictionary-document.ts";
import { JsonDocument } from "./json-document.ts";
import { EditError, type ReviewDocument } from "./review-document.ts";
import type { DecisionRequest, ReviewItem } from "./review-item.ts";
import { RuleDocument, ruleRecordKeys } from "./rule-document.ts";

/** What to review, and the datasets whose sentences show each label in use. */
export interface ReviewSources {
  dictionaries?: readonly string[];
  rules?: readonly string[];
  /** JSONL files of items with `id` and `reviewed` (GLAN), or folders holding such files. */
  items?: readonly string[];
  inputs?: readonly DatasetInput[];
}

export interface ReviewOptions {
  /** Who decides: written into every stamp. */
  reviewer: string;
  /** The time of a decision (tests pass a fixed clock). */
  clock?: () => Date;
}

/** Another program changed a file since it was read: saving now would undo its change. */
export class ConflictError extends Error {}

interface Opened {
  document: ReviewDocument;
  /** The file as last read or written, to notice someone else's write. */
  seen: string;
}

/**
 * Every file under review, and the one place decisions go through: a decision is applied to its
 * document and the whole file written at once (temporary file, then rename) before the answer goes
 * back, so stopping the server at any moment loses nothing and leaves no half-written file.
 */
export class ReviewStore {
  readonly reviewer: string;
  readonly #opened: Opened[];
  readonly #clock: () => Date;

  constructor(documents: readonly ReviewDocument[], options: ReviewOptions) {
    this.reviewer = options.reviewer;
    this.#clock = options.clock ?? (() => new Date());
    this.#opened = documents.map((document) => ({ document, seen: fingerprint(document.path) }));
  }

  get files(): string[] {
    return this.#opened.map((o) => o.document.path);
  }

  items(): ReviewItem[] {
    return this.#opened.flatMap((o) => o.document.items());
  }

  decide(request: DecisionRequest): ReviewItem {
    if (!REVIEW_DECISIONS.includes(request.decision))
      throw new EditError(`decision must be one of ${REVIEW_DECISIONS.join(", ")}`);
    const cut = request.id.indexOf(":");
    const opened = this.#opened[Number(request.id.slice(0, cut))];
    if (cut < 0 || !opened) throw new EditError(`no item "${request.id}"`);
    const { document } = opened;
    if (fingerprint(document.path) !== opened.seen)
      throw new ConflictError(`${document.path} changed on disk since it was read; restart the review`);
    const stamp: ReviewStamp = {
      decision: request.decision,
      by: this.reviewer,
      at: this.#clock().toISOString(),
    };
    const note = request.note?.trim();
    if (note) stamp.note = note;
    const item = document.decide(request.id.slice(cut + 1), stamp, request.edits);
    writeFileAtomic(document.path, document.text());
    opened.seen = fingerprint(document.path);
    return item;
  }
}

/** Open every file; dataset sentences are read once, before the documents that show them. */
export async function openReview(sources: ReviewSources, options: ReviewOptions): Promise<ReviewStore> {
  const rules = sources.rules ?? [];
  const inputs = sources.inputs ?? [];
  const wanted = new Set(rules.flatMap(ruleRecordKeys));
  const context = inputs.length > 0 ? await readCorpusContext(inputs, wanted) : EMPTY_CONTEXT;
  const documents: ReviewDocument[] = [];
  const prefix = () => `${documents.length}:`;
  for (const path of sources.dictionaries ?? [])
    documents.push(new DictionaryDocument(path, prefix(), context));
  for (const path of rules) documents.push(new RuleDocument(path, prefix(), context));
  for (const path of (sources.items ?? []).flatMap(itemFiles))
    documents.push(new JsonDocument(path, prefix()));
  if (documents.length === 0) throw new Error("nothing to review: give --dictionary, --rules or --items");
  return new ReviewStore(documents, options);
}

/** A file as given; a folder's `.jsonl` files whose first item has an `id` and a `reviewed` flag. */
function itemFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name.endsWith(".jsonl"))
    .sort()
    .map((name) => join(path, name))
    .filter(looksReviewable);
}

function looksReviewable(path: string): boolean {
  const first = readFileSync(path, "utf8")
    .split("\n")
    .find((line) => line.trim() !== "");
  try {
    const value = JSON.parse(first ?? "null") as Record<string, unknown> | null;
    return typeof value?.id === "string" && typeof value.reviewed === "boolean";
  } catch {
    return false;
  }
}

function fingerprint(path: string): string {
  const stat = statSync(path);
  return `${stat.size}:${stat.mtimeMs}`;
}
