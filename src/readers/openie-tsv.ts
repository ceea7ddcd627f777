import type { OpenTuple } from "../records/index.ts";
import { completeLines } from "./read-head.ts";
import { checkedItem } from "./read-item.ts";
import { readLines } from "./read-lines.ts";
import type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";
import { gatherSentences, groupPairs, isGroup, type PairLine } from "./sentence-groups.ts";
import { fileStem, sourceName } from "./source-name.ts";

/**
 * Open IE gold tuples as OIE2016 and CaRB ship them (`all.oie`, `gold/dev.tsv`): one tuple per line,
 * `sentence<TAB>predicate<TAB>arg1<TAB>arg2[<TAB>arg3 …]`. Lines of one sentence (anywhere in the file)
 * become one `tuples` record holding all its tuples: arg1 the subject, arg2 the object. Arguments after
 * the second have no role the canonical tuple can hold; they are dropped and counted in a note. An
 * argument or predicate that is not verbatim in the sentence (CaRB sometimes adds words such as
 * `[is]`) rejects the whole sentence, so that no tuple of it is missing from its gold.
 */
export const openieTsvReader: DatasetReader = {
  name: "openie-tsv",
  description:
    "OIE2016/CaRB gold TSV (sentence, predicate, arg1, arg2, … per line) → one tuples record per sentence with " +
    "all its tuples; arg1 = subject, arg2 = object",
  detect(_path: string, head: string): Detection {
    const lines = completeLines(head);
    if (lines.length === 0) return "no";
    const tuples = lines.filter(looksLikeTuple).length;
    if (tuples / lines.length < 0.9) return "no";
    const sentences = new Set(lines.map((line) => line.split("\t")[0]));
    return sentences.size < lines.length ? "certain" : "likely";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, "openie");
    const lang = options.lang ?? "en";
    const stem = fileStem(path);
    let extra = 0;
    for (const slot of await gatherSentences(tupleLines(path, () => extra++))) {
      if (!isGroup(slot)) {
        yield slot;
        continue;
      }
      const raw = slot.lines.map((line) => line.raw);
      const tuples = groupPairs(slot, "openie") as OpenTuple[];
      const id = `${stem}-${slot.location.line}`;
      yield checkedItem({ kind: "tuples", id, source, lang, text: slot.key, tuples }, slot.location, raw);
    }
    if (extra > 0)
      options.notes?.add("openie: arguments after the second dropped (no canonical role)", extra);
  },
};

/** A sentence with spaces, then a predicate and at least one argument, each shorter than the sentence. */
function looksLikeTuple(line: string): boolean {
  const [sentence, ...rest] = line.split("\t");
  return rest.length >= 2 && sentence.trim().includes(" ") && rest.every((c) => c.length < sentence.length);
}

type Rejection = Extract<ReadItem, { ok: false }>;

async function* tupleLines(
  path: string,
  dropped: () => void,
): AsyncIterable<PairLine<OpenTuple> | Rejection> {
  for await (const { line, text } of readLines(path)) {
    if (text.trim() === "") continue;
    const location: Location = { file: path, line };
    const [sentence, predicate, subject, object, ...more] = text.split("\t").map((c) => c.trim());
    if (!sentence || !predicate || !subject) {
      const reason = `openie: expected sentence, predicate and at least one argument, tab-separated: ${JSON.stringify(text.slice(0, 80))}`;
      yield { ok: false, reason, location, raw: text };
      continue;
    }
    for (const argument of more) if (argument !== "") dropped();
    const tuple: OpenTuple = object ? { subject, predicate, object } : { subject, predicate };
    yield { key: sentence, location, raw: text, pair: tuple };
  }
}
