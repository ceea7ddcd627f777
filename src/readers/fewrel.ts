import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { checkedItem, rejection } from "./read-item.ts";
import { isObject, readJsonFile } from "./read-json-file.ts";
import type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";
import { sourceName } from "./source-name.ts";
import { joinTokens, type TokenText, tokenSpan } from "./token-text.ts";

/**
 * FewRel: one JSON object `{PID: [{tokens, h, t}]}`, where h and t are `[surface, QID, [[token
 * indices], …]]`. The head is the subject. Relation names come from `pid2name.json` beside the file
 * (`{PID: [name, description]}`); without it, or for a PID it lacks, the PID itself is the name.
 */
export const fewrelReader: DatasetReader = {
  name: "fewrel",
  description:
    "FewRel JSON {PID: [{tokens, h, t}]} with pid2name.json beside it → one relations record per instance " +
    "(head = subject); text is the tokens joined by single spaces, blank tokens dropped",
  detect(_path: string, head: string): Detection {
    if (/^\s*\{\s*"P\d+"\s*:\s*\[\s*\{\s*"tokens"/.test(head)) return "certain";
    return /^\s*\{\s*"P\d+"\s*:\s*\[\s*\{/.test(head) ? "likely" : "no";
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
    let entry = 0;
    for (const [pid, instances] of Object.entries(parsed.value)) {
      for (const [index, instance] of (Array.isArray(instances) ? instances : [instances]).entries()) {
        entry++;
        const location = { file: path, line: entry };
        const id = `${pid}-${index}`;
        yield instanceItem(instance, { id, relation: names.get(pid) ?? pid, source, lang, location });
      }
    }
  },
};

interface InstanceContext {
  id: string;
  relation: string;
  source: string;
  lang: "en" | "zh";
  location: Location;
}

function instanceItem(instance: unknown, context: InstanceContext): ReadItem {
  const { location } = context;
  if (!isObject(instance) || !Array.isArray(instance.tokens))
    return rejection("fewrel: instance without a tokens list", location, instance);
  const tokens = joinTokens(instance.tokens.map(String));
  const subject = mentionSpan(tokens, instance.h);
  const object = mentionSpan(tokens, instance.t);
  if (!subject || !object)
    return rejection(
      `fewrel: ${subject ? "tail" : "head"} mention has no usable token indices`,
      location,
      instance,
    );
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
