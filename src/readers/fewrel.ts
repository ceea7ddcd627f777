import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { isObject } from "../util/index.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { readJsonFile } from "./read-json-file.ts";
import type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";
import { sourceName } from "./source-name.ts";
import { joinTokens, type TokenText, tokenSpan } from "./token-text.ts";

/** A SemEval-style direction suffix: `Cause-Effect(e2,e1)`. */
const DIRECTION = /^(.*)\((e[12]),\s*(e[12])\)$/;

/**
 * FewRel: one JSON object `{relation: [{tokens, h, t}]}`, where h and t are `[surface, id, [[token
 * indices], …]]`. The head is the subject. FewRel 1.0 keys relations by Wikidata id (`P177`) and names
 * them in `pid2name.json` beside the file (`{PID: [name, description]}`); without it, or for a PID it
 * lacks, the id itself is the name (and a note says so). FewRel 2.0 files of other domains keep
 * readable keys (PubMed `biological_process_involves_gene_product`, SemEval `Cause-Effect(e1,e2)`),
 * used as they are; `normalizeDirection` drops SemEval's direction suffix, swapping subject and object
 * for `(e2,e1)` (the head being e1).
 */
export const fewrelReader: DatasetReader = {
  name: "fewrel",
  description:
    "FewRel JSON {PID: [{tokens, h, t}]} with pid2name.json beside it → one relations record per instance " +
    "(head = subject); text is the tokens joined by single spaces, blank tokens dropped",
  detect(_path: string, head: string): Detection {
    if (/^\s*\{\s*"[^"]+"\s*:\s*\[\s*\{\s*"tokens"\s*:/.test(head)) return "certain";
    const instance = /^\s*\{\s*"[^"]+"\s*:\s*\[\s*\{/.test(head);
    return instance && /"tokens"\s*:/.test(head) && /"h"\s*:\s*\[/.test(head) ? "likely" : "no";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, "fewrel");
    const lang = options.lang ?? "en";
    const parsed = await readJsonFile(path);
    if (!parsed.ok || !isObject(parsed.value)) {
      const reason = parsed.ok ? "fewrel: expected a JSON object keyed by relation id" : parsed.reason;
      yield rejection(reason, { file: path, line: 1 }, null);
      return;
    }
    const names = await relationNames(path);
    const unnamed = Object.keys(parsed.value).filter((key) => /^P\d+$/.test(key) && !names.has(key));
    if (unnamed.length > 0)
      options.notes?.add(
        `fewrel: ${unnamed.length} Wikidata relation ids have no name (no pid2name.json entry) and stay ids`,
      );
    let entry = 0;
    for (const [key, instances] of Object.entries(parsed.value)) {
      const named = relationOf(names.get(key) ?? key, options);
      for (const [index, instance] of (Array.isArray(instances) ? instances : [instances]).entries()) {
        entry++;
        const location = { file: path, line: entry };
        const id = `${key}-${index}`;
        yield instanceItem(instance, {
          id,
          ...named,
          source,
          lang,
          location,
          detokenize: options.detokenize,
        });
      }
    }
  },
};

/** The relation a key names, and whether its instances' head is the object (SemEval `(e2,e1)`). */
function relationOf(name: string, options: ReadOptions): { relation: string; swap: boolean } {
  const suffix = options.normalizeDirection ? DIRECTION.exec(name) : null;
  if (!suffix || suffix[2] === suffix[3]) return { relation: name, swap: false };
  return { relation: suffix[1].trim(), swap: suffix[2] === "e2" };
}

interface InstanceContext {
  id: string;
  relation: string;
  swap: boolean;
  detokenize?: boolean;
  source: string;
  lang: "en" | "zh";
  location: Location;
}

function instanceItem(instance: unknown, context: InstanceContext): ReadItem {
  const { location } = context;
  if (!isObject(instance) || !Array.isArray(instance.tokens))
    return rejection("fewrel: instance without a tokens list", location, instance);
  const tokens = joinTokens(instance.tokens.map(String), context);
  const head = mentionSpan(tokens, instance.h);
  const tail = mentionSpan(tokens, instance.t);
  if (!head || !tail)
    return rejection(
      `fewrel: ${head ? "tail" : "head"} mention has no usable token indices`,
      location,
      instance,
    );
  const [subject, object] = context.swap ? [tail, head] : [head, tail];
  const { id, source, lang, relation } = context;
  const record = {
    kind: "relations",
    id,
    source,
    lang,
    text: tokens.text,
    relations: [
      {
        subject: subject.text,
        relation,
        object: object.text,
        subject_start: subject.start,
        object_start: object.start,
      },
    ],
  };
  return checkedItem(record, location, instance);
}

/** The first mention of an entity `[surface, QID, [[indices], …]]`, from its first to its last token. */
function mentionSpan(tokens: TokenText, entity: unknown) {
  if (!Array.isArray(entity) || !Array.isArray(entity[2]) || !Array.isArray(entity[2][0])) return undefined;
  const indices = (entity[2][0] as unknown[]).map(Number).filter(Number.isInteger);
  if (indices.length === 0) return undefined;
  return tokenSpan(tokens, Math.min(...indices), Math.max(...indices));
}

async function relationNames(path: string): Promise<Map<string, string>> {
  const file = join(dirname(path), "pid2name.json");
  const names = new Map<string, string>();
  if (!existsSync(file)) return names;
  const parsed = await readJsonFile(file);
  if (!parsed.ok || !isObject(parsed.value)) return names;
  for (const [pid, value] of Object.entries(parsed.value)) {
    const name = Array.isArray(value) ? value[0] : value;
    if (typeof name === "string" && name.trim() !== "") names.set(pid, name);
  }
  return names;
}
