import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { dictionaryText, LabelEntry, parseDictionary, type SchemaDictionary } from "../dictionary/index.ts";
import type { ReviewStamp } from "../util/index.ts";
import type { CorpusContext } from "./corpus-context.ts";
import { spanStrings } from "./highlights.ts";
import { EditError, plainObject, type ReviewDocument, stringList } from "./review-document.ts";
import type { DictionaryContent, ReviewItem } from "./review-item.ts";

/**
 * A schema dictionary: one item per label entry (descriptions, paraphrases, synonyms, inverse name,
 * role descriptions, with its examples and corpus sentences to judge them by). Accepting or editing
 * sets `reviewed: true`, rejecting `reviewed: false`; either way the decision is stamped in `review`.
 */
export class DictionaryDocument implements ReviewDocument {
  readonly path: string;
  readonly #dictionary: SchemaDictionary;
  readonly #context: CorpusContext;
  readonly #prefix: string;

  constructor(path: string, prefix: string, context: CorpusContext) {
    this.path = path;
    this.#prefix = prefix;
    this.#context = context;
    this.#dictionary = parseDictionary(readFileSync(path, "utf8"), path);
  }

  items(): ReviewItem[] {
    const items: ReviewItem[] = [];
    for (const [source, entry] of Object.entries(this.#dictionary.sources))
      for (const label of Object.keys(entry.labels)) items.push(this.#item(source, label));
    return items;
  }

  decide(key: string, stamp: ReviewStamp, edits: unknown): ReviewItem {
    const [source, label] = splitKey(key);
    const entry = this.#dictionary.sources[source]?.labels[label];
    if (!entry) throw new EditError(`no dictionary entry ${source}/${label}`);
    let next: LabelEntry = { ...entry };
    if (stamp.decision === "edited") next = applyEdits(next, edits);
    next.reviewed = stamp.decision !== "rejected";
    next.review = stamp;
    this.#dictionary.sources[source].labels[label] = next;
    return this.#item(source, label);
  }

  text(): string {
    return dictionaryText(this.#dictionary, this.path.endsWith(".json"));
  }

  #item(source: string, label: string): ReviewItem {
    const sourceEntry = this.#dictionary.sources[source];
    const entry = sourceEntry.labels[label];
    const plain = sourceEntry.kind === "classification";
    const shown = (example: { text: string; answer: unknown }) => ({
      text: example.text,
      highlights: plain ? [] : spanStrings(example.answer),
    });
    const content: DictionaryContent = {
      kind: sourceEntry.kind,
      lang: sourceEntry.lang,
      descriptions: entry.descriptions,
      synonyms: entry.synonyms,
      values: entry.values,
      positive: entry.positive.map(shown),
      negative: entry.negative.map(shown),
      corpus: this.#context.sentences(source, label),
    };
    if (entry.inverse !== undefined) content.inverse = entry.inverse;
    if (entry.roles !== undefined)
      content.roles = Object.fromEntries(Object.entries(entry.roles).map(([r, v]) => [r, v.descriptions]));
    return {
      id: `${this.#prefix}${source}\u0000${label}`,
      kind: "dictionary",
      file: basename(this.path),
      source,
      label,
      strategy: "",
      title: label,
      status: entry.review?.decision ?? (entry.reviewed ? "accepted" : "unreviewed"),
      ...(entry.review ? { review: entry.review } : {}),
      content,
    };
  }
}

function splitKey(key: string): [string, string] {
  const cut = key.indexOf("\u0000");
  if (cut < 0) throw new EditError(`bad dictionary item key`);
  return [key.slice(0, cut), key.slice(cut + 1)];
}

/** The page sends {descriptions, synonyms, inverse?, roles?}; what it leaves out stays as it was. */
function applyEdits(entry: LabelEntry, edits: unknown): LabelEntry {
  const fields = plainObject(edits, "edits");
  const next: LabelEntry = { ...entry };
  if ("descriptions" in fields) next.descriptions = stringList(fields.descriptions, "descriptions");
  if ("synonyms" in fields) next.synonyms = stringList(fields.synonyms, "synonyms");
  if ("inverse" in fields) {
    if (typeof fields.inverse !== "string") throw new EditError("inverse must be a string");
    const inverse = fields.inverse.trim();
    if (inverse === "") delete next.inverse;
    else next.inverse = inverse;
  }
  if ("roles" in fields) {
    const roles = plainObject(fields.roles, "roles");
    next.roles = Object.fromEntries(
      Object.entries(roles).map(([role, list]) => [role, { descriptions: stringList(list, `role ${role}`) }]),
    );
  }
  const checked = LabelEntry.safeParse(next);
  if (!checked.success) throw new EditError(checked.error.issues[0].message);
  return checked.data;
}
