import { firstLine } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { readLines } from "./read-lines.ts";
import type { DatasetReader, Detection, ReadItem, ReadOptions } from "./reader.ts";
import { sourceName } from "./source-name.ts";

const LINE = /^\d+\|.*\|.+\|\d+\|\d+\|.+\|\d+\|\d+$/;

/**
 * ADE corpus `DRUG-AE.rel`: `PMID|sentence|effect|begin|end|drug|begin|end`, one drug–effect pair per
 * line. The offsets index the whole abstract (`PMID\n\nTitle\n\nAbstract`), not the sentence, so the
 * spans are found again in the sentence: among the occurrences of effect and drug, the pair whose
 * distance matches the document offsets. A pair that cannot be found there is rejected.
 */
export const adeReader: DatasetReader = {
  name: "ade",
  description:
    "ADE corpus DRUG-AE.rel (PMID|sentence|effect|b|e|drug|b|e, document offsets) → one relations record per " +
    "line: drug --adverse effect--> effect, spans located in the sentence",
  detect(_path: string, head: string): Detection {
    return LINE.test(firstLine(head)) ? "certain" : "no";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, "ade");
    const lang = options.lang ?? "en";
    for await (const { line, text, invalid } of readLines(path)) {
      const location = { file: path, line };
      if (invalid) {
        yield rejection(invalid, location, text);
        continue;
      }
      if (text.trim() === "") continue;
      const fields = splitFields(text);
      if (!fields) {
        yield rejection(
          `ade: expected 8 pipe-separated fields: ${JSON.stringify(text.slice(0, 80))}`,
          location,
          text,
        );
        continue;
      }
      const found = locatePair(fields);
      if (typeof found === "string") {
        yield rejection(`ade: ${found}`, location, text);
        continue;
      }
      const relation = {
        subject: fields.drug,
        relation: "adverse effect",
        object: fields.effect,
        subject_type: "drug",
        object_type: "adverse effect",
        subject_start: found.drug,
        object_start: found.effect,
      };
      const id = `${fields.pmid}-${line}`;
      yield checkedItem(
        { kind: "relations", id, source, lang, text: fields.sentence, relations: [relation] },
        location,
        text,
      );
    }
  },
};

interface Fields {
  pmid: string;
  sentence: string;
  effect: string;
  effectBegin: number;
  drug: string;
  drugBegin: number;
}

/** Fields from the right, so a `|` inside the sentence cannot shift them. */
function splitFields(text: string): Fields | undefined {
  const parts = text.split("|");
  if (parts.length < 8) return undefined;
  const [effect, effectBegin, , drug, drugBegin] = parts.slice(-6);
  const numbers = parts
    .slice(-6)
    .filter((_, i) => i % 3 !== 0)
    .map(Number);
  if (numbers.some((n) => !Number.isInteger(n))) return undefined;
  return {
    pmid: parts[0],
    sentence: parts.slice(1, -6).join("|"),
    effect,
    effectBegin: Number(effectBegin),
    drug,
    drugBegin: Number(drugBegin),
  };
}

function locatePair(fields: Fields): { effect: number; drug: number } | string {
  const effects = occurrences(fields.sentence, fields.effect);
  const drugs = occurrences(fields.sentence, fields.drug);
  if (effects.length === 0) return `effect ${JSON.stringify(fields.effect)} not found in the sentence`;
  if (drugs.length === 0) return `drug ${JSON.stringify(fields.drug)} not found in the sentence`;
  const distance = fields.effectBegin - fields.drugBegin;
  for (const effect of effects)
    for (const drug of drugs) if (effect - drug === distance) return { effect, drug };
  if (effects.length === 1 && drugs.length === 1) return { effect: effects[0], drug: drugs[0] };
  return `no occurrence of effect and drug in the sentence matches the document offsets`;
}

function occurrences(text: string, span: string): number[] {
  const found: number[] = [];
  if (span === "") return found;
  for (let at = text.indexOf(span); at >= 0; at = text.indexOf(span, at + 1)) found.push(at);
  return found;
}
