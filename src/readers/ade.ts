import { basename } from "node:path";
import type { Relation } from "../records/index.ts";
import { completeLines } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { readLines } from "./read-lines.ts";
import type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";
import { gatherSentences, groupPairs, isGroup, type PairLine } from "./sentence-groups.ts";
import { sourceName } from "./source-name.ts";

const LINE = /^\d+\|.*\|.+\|\d+\|\d+\|.+\|\d+\|\d+$/;

/**
 * A dose as the ADE annotators marked it: a number, a unit, or a dosing word ("high doses",
 * "10 mg/kg", "a single intravenous dose"). Adverse effects almost never look like this.
 */
const DOSE_LIKE =
  /\d|\b(mg|mcg|µg|ug|g|kg|ml|l|iu|units?|doses?|dosages?|daily|weekly|twice|once|high|low|bolus|infusion|tablets?|overdose)\b/i;

/** The two ADE files that share one column layout, and what the third column of each holds. */
interface AdeKind {
  name: string;
  file: RegExp;
  relation: string;
  objectType: string;
  fallbackSource: string;
  /** Whether a share of dose-like objects in a file's head fits this kind (both fit when it is unclear). */
  matches: (doseShare: number) => boolean;
}

const ADVERSE_EFFECT: AdeKind = {
  name: "ade",
  file: /^drug-ae/i,
  relation: "adverse effect",
  objectType: "adverse effect",
  fallbackSource: "ade",
  matches: (doseShare) => doseShare < 0.8,
};

const DOSE: AdeKind = {
  name: "ade-dose",
  file: /^drug-dose/i,
  relation: "dose",
  objectType: "dose",
  fallbackSource: "ade_dose",
  matches: (doseShare) => doseShare > 0.2,
};

/**
 * ADE corpus `.rel` files: `PMID|sentence|object|begin|end|drug|begin|end`, one pair per line, where
 * the object is an adverse effect (`DRUG-AE.rel`) or a dose (`DRUG-DOSE.rel`). The file name says
 * which; a file with another name is judged by how many of its objects look like doses, and when that
 * is not clear detection is not certain and `--format` decides. Lines of one sentence of one document
 * are gathered into one record holding all its pairs (the whole file is read, so lines of a sentence
 * need not be consecutive). The offsets index the whole abstract (`PMID\n\nTitle\n\nAbstract`), not the
 * sentence, so the spans are found again in the sentence: among the occurrences of object and drug,
 * the pair whose distance matches the document offsets.
 */
function adeReaderOf(kind: AdeKind): DatasetReader {
  return {
    name: kind.name,
    description:
      `ADE corpus ${kind === DOSE ? "DRUG-DOSE.rel" : "DRUG-AE.rel"} (PMID|sentence|${kind.objectType}|b|e|drug|b|e, ` +
      `document offsets) → one relations record per sentence with all its pairs: drug --${kind.relation}--> ` +
      `${kind.objectType}, spans located in the sentence`,
    detect: (path, head) => detectKind(kind, path, head),
    read: (path, options) => readAde(kind, path, options),
  };
}

export const adeReader = adeReaderOf(ADVERSE_EFFECT);
export const adeDoseReader = adeReaderOf(DOSE);

function detectKind(kind: AdeKind, path: string, head: string): Detection {
  const lines = completeLines(head).filter((line) => line.trim() !== "");
  if (lines.length === 0 || !LINE.test(lines[0])) return "no";
  const name = basename(path);
  if (ADVERSE_EFFECT.file.test(name) || DOSE.file.test(name)) return kind.file.test(name) ? "certain" : "no";
  const objects = lines.map((line) => splitFields(line)?.object ?? "");
  const doseShare = objects.filter((object) => DOSE_LIKE.test(object)).length / objects.length;
  return kind.matches(doseShare) ? "likely" : "no";
}

async function* readAde(kind: AdeKind, path: string, options: ReadOptions): AsyncIterable<ReadItem> {
  const source = sourceName(path, options, kind.fallbackSource);
  const lang = options.lang ?? "en";
  for (const slot of await gatherSentences(pairLines(kind, path))) {
    if (!isGroup(slot)) {
      yield slot;
      continue;
    }
    const raw = slot.lines.map((line) => line.raw);
    const pairs = groupPairs(slot, "ade");
    if (typeof pairs === "string") {
      yield rejection(pairs, slot.location, raw);
      continue;
    }
    const first = slot.lines[0].raw as string;
    const { pmid, sentence } = splitFields(first)!;
    const id = `${pmid}-${slot.location.line}`;
    yield checkedItem(
      { kind: "relations", id, source, lang, text: sentence, relations: pairs },
      slot.location,
      raw,
    );
  }
}

async function* pairLines(
  kind: AdeKind,
  path: string,
): AsyncIterable<PairLine<Relation> | Extract<ReadItem, { ok: false }>> {
  for await (const { line, text, invalid } of readLines(path)) {
    const location: Location = { file: path, line };
    if (invalid) {
      yield { ok: false, reason: invalid, location, raw: text };
      continue;
    }
    if (text.trim() === "") continue;
    const fields = splitFields(text);
    if (!fields) {
      yield {
        ok: false,
        reason: `ade: expected 8 pipe-separated fields: ${JSON.stringify(text.slice(0, 80))}`,
        location,
        raw: text,
      };
      continue;
    }
    const found = locatePair(kind, fields);
    const pair =
      typeof found === "string"
        ? { problem: found }
        : {
            subject: fields.drug,
            relation: kind.relation,
            object: fields.object,
            subject_type: "drug",
            object_type: kind.objectType,
            subject_start: found.drug,
            object_start: found.object,
          };
    yield { key: `${fields.pmid}\u0000${fields.sentence}`, location, raw: text, pair };
  }
}

interface Fields {
  pmid: string;
  sentence: string;
  object: string;
  objectBegin: number;
  drug: string;
  drugBegin: number;
}

/** Fields from the right, so a `|` inside the sentence cannot shift them. */
function splitFields(text: string): Fields | undefined {
  const parts = text.split("|");
  if (parts.length < 8) return undefined;
  const [object, objectBegin, , drug, drugBegin] = parts.slice(-6);
  const numbers = parts
    .slice(-6)
    .filter((_, i) => i % 3 !== 0)
    .map(Number);
  if (numbers.some((n) => !Number.isInteger(n))) return undefined;
  return {
    pmid: parts[0],
    sentence: parts.slice(1, -6).join("|"),
    object,
    objectBegin: Number(objectBegin),
    drug,
    drugBegin: Number(drugBegin),
  };
}

function locatePair(kind: AdeKind, fields: Fields): { object: number; drug: number } | string {
  const objects = occurrences(fields.sentence, fields.object);
  const drugs = occurrences(fields.sentence, fields.drug);
  if (objects.length === 0)
    return `${kind.objectType} ${JSON.stringify(fields.object)} not found in the sentence`;
  if (drugs.length === 0) return `drug ${JSON.stringify(fields.drug)} not found in the sentence`;
  const distance = fields.objectBegin - fields.drugBegin;
  for (const object of objects)
    for (const drug of drugs) if (object - drug === distance) return { object, drug };
  if (objects.length === 1 && drugs.length === 1) return { object: objects[0], drug: drugs[0] };
  return `no occurrence of ${kind.objectType} and drug in the sentence matches the document offsets`;
}

function occurrences(text: string, span: string): number[] {
  const found: number[] = [];
  if (span === "") return found;
  for (let at = text.indexOf(span); at >= 0; at = text.indexOf(span, at + 1)) found.push(at);
  return found;
}
