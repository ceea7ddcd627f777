import type { GraphEntity } from "../records/index.ts";
import { isObject } from "../util/index.ts";
import { guessLanguage } from "./language.ts";
import { firstLine } from "./read-head.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { readJsonLines } from "./read-json-file.ts";
import type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";
import { fileStem, sourceName } from "./source-name.ts";

/**
 * InstructIE (zjunlp, the KG-construction data behind IEPile's KGE share): JSON Lines `{id, cate,
 * text, relation: [{head, head_type, relation, tail, tail_type}]}`. Each line becomes one `graph`
 * record: its triples grouped by head entity, the head's type as the entity type, each relation an
 * attribute whose value is the tail (a list when a head has several tails for one relation). A line
 * without triples is a record with no entities. Every head and tail must occur in the text, or the
 * whole line is rejected (a KGE answer missing one of its triples would teach a wrong negative).
 */
export const instructieReader: DatasetReader = {
  name: "instructie",
  description:
    "InstructIE JSON Lines ({id, cate, text, relation: [{head, head_type, relation, tail, tail_type}]}) → one " +
    "graph record per line, triples grouped by head entity (head_type as type, relation → tail attributes)",
  detect(_path: string, head: string): Detection {
    const first = firstLine(head);
    const triples = /"relation"\s*:\s*\[/.test(first) && /"head_type"\s*:/.test(first);
    if (
      /"cate"\s*:/.test(first) &&
      /"text"\s*:/.test(first) &&
      (triples || /"relation"\s*:\s*\[\s*\]/.test(first))
    )
      return "certain";
    return "no";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, "instructie");
    for await (const entry of readJsonLines(path)) {
      const location = { file: path, line: entry.line };
      if (!entry.ok) yield rejection(entry.reason, location, entry.text);
      else yield lineItem(entry.value, { source, location, options, stem: fileStem(path) });
    }
  },
};

function lineItem(
  value: unknown,
  context: { source: string; location: Location; options: ReadOptions; stem: string },
): ReadItem {
  const { source, location, options } = context;
  if (!isObject(value) || typeof value.text !== "string" || !Array.isArray(value.relation))
    return rejection("instructie: expected {text, relation: [triples]}", location, value);
  const entities = new Map<string, GraphEntity>();
  for (const [i, triple] of value.relation.entries()) {
    const fields = isObject(triple) ? triple : {};
    const { head, head_type: type, relation, tail } = fields;
    if ([head, type, relation, tail].some((field) => typeof field !== "string" || field.trim() === ""))
      return rejection(`instructie: triple ${i} lacks a head, head_type, relation or tail`, location, value);
    const key = `${type}\u0000${head}`;
    let entity = entities.get(key);
    if (!entity) entities.set(key, (entity = { type: type as string, name: head as string, attributes: {} }));
    addValue(entity.attributes, relation as string, tail as string);
  }
  const id =
    typeof value.id === "string" || typeof value.id === "number"
      ? String(value.id)
      : `${context.stem}-${location.line}`;
  const lang = options.lang ?? guessLanguage(value.text);
  const record = { kind: "graph", id, source, lang, text: value.text, entities: [...entities.values()] };
  return checkedItem(record, location, value);
}

function addValue(attributes: GraphEntity["attributes"], attribute: string, value: string): void {
  const known = attributes[attribute];
  if (known === undefined) attributes[attribute] = value;
  else if (Array.isArray(known)) {
    if (!known.includes(value)) known.push(value);
  } else if (known !== value) attributes[attribute] = [known, value];
}
