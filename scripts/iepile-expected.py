"""Write the expected IEPile bytes for the fidelity corpus (test/fixtures/iepile-fidelity).

Usage: PYTHONHASHSEED=0 python3 scripts/iepile-expected.py <IEPile checkout> <records.jsonl> <expected.jsonl>

The outputs come from IEPile's own converters (ie2instruction/convert/converter, imported from the
checkout, never copied). The schema of each instruction follows IEPile's published conversion rules at
neg_schema = 1 without --random_sort: every label of the source, sorted by code point, cut into
split_num chunks (NER 6, RE/EE/EET/EEA 4, KG 1) the way split_total_by_num cuts them. Where IEPile's
own choice depends on Python's hash order (roles of an event type, attributes of an entity type are
sets), this script sorts them, which is what Hum writes. Two converter defects are corrected after
conversion, each as Hum's spec says: RE's converter writes head/tail where every IEPile scorer and the
OneKE data read subject/object; EE's converter sorts an argument's several values by their place in the
text and then discards that order for a set's hash order, so the computed text order is restored (ties in record order).
Run it again only when the corpus changes.
"""
import json
import sys

sys.path.insert(0, sys.argv[1] + "/ie2instruction")
from convert.converter import get_converter  # noqa: E402
from convert.utils.instruction import instruction_mapper  # noqa: E402

SPLIT = {"NER": 6, "RE": 4, "EE": 4, "EET": 4, "EEA": 4, "KG": 1}


def split(labels, size):
    if len(labels) <= size:
        return [labels] if labels else []
    full = len(labels) // size * size
    chunks = [labels[i:i + size] for i in range(0, full, size)]
    if len(labels) - full >= max(1, size // 2):
        chunks.append(labels[full:])
    else:
        chunks[-1].extend(labels[full:])
    return chunks


def instruction(task, lang, schema, text):
    return json.dumps({"instruction": instruction_mapper[task + lang], "schema": schema, "input": text},
                      ensure_ascii=False)


def iepile_events(record):
    return [{"event_trigger": e["trigger"], "event_type": e["type"],
             "arguments": [{"argument": a["text"], "role": a["role"]} for a in e["arguments"]]}
            for e in record["events"]]


def universes(records):
    labels = {}
    for r in records:
        u = labels.setdefault(r["source"], {"types": set(), "roles": {}})
        if r["kind"] == "entities":
            u["types"].update(e["type"] for e in r["entities"])
        elif r["kind"] == "relations":
            u["types"].update(x["relation"] for x in r["relations"])
        elif r["kind"] == "events":
            for e in r["events"]:
                u["types"].add(e["type"])
                u["roles"].setdefault(e["type"], set()).update(a["role"] for a in e["arguments"])
        elif r["kind"] == "graph":
            for e in r["entities"]:
                u["types"].add(e["type"])
                u["roles"].setdefault(e["type"], set()).update(e["attributes"].keys())
    return labels


def convert(task, text, schema, label_records):
    converter = get_converter(task)(NAN="NAN")
    output = json.loads(converter.convert(text, converter.get_label_dict(label_records), s_schema1=schema))
    if task == "RE":
        output = {r: [{"subject": p["head"], "object": p["tail"]} for p in pairs] for r, pairs in output.items()}
    if task == "EE":
        # Values at the same place in the text keep their order in the record (not the set's).
        order = [a["argument"] for e in label_records for a in e["arguments"]]
        for events in output.values():
            for event in events:
                for role, value in event["arguments"].items():
                    if isinstance(value, list):
                        event["arguments"][role] = sorted(value, key=lambda v: (text.find(v), order.index(v)))
    return json.dumps(output, ensure_ascii=False)


def lines_for(record, universe):
    text, lang, kind = record["text"], record["lang"], record["kind"]
    types = sorted(universe["types"])
    roles = {t: sorted(universe["roles"].get(t, ())) for t in types}
    if kind == "entities":
        labels = [{"entity": e["text"], "entity_type": e["type"]} for e in record["entities"]]
        for chunk in split(types, SPLIT["NER"]):
            yield "NER", instruction("NER", lang, chunk, text), convert("NER", text, chunk, labels)
    elif kind == "relations":
        labels = [{"head": x["subject"], "relation": x["relation"], "tail": x["object"]}
                  for x in record["relations"]]
        for chunk in split(types, SPLIT["RE"]):
            yield "RE", instruction("RE", lang, chunk, text), convert("RE", text, chunk, labels)
    elif kind == "events":
        events = iepile_events(record)
        for chunk in split(types, SPLIT["EE"]):
            schema = [{"event_type": t, "trigger": True, "arguments": roles[t]} for t in chunk]
            yield "EE", instruction("EE", lang, schema, text), convert("EE", text, schema, events)
        for chunk in split(types, SPLIT["EET"]):
            yield "EET", instruction("EET", lang, chunk, text), convert("EET", text, chunk, events)
        present = sorted({e["type"] for e in record["events"]})
        for chunk in split(present, SPLIT["EEA"]):
            # OneKE's training shape: the EE converter with each type's triggers given in the schema.
            schema = [{"event_type": t, "trigger": [e["trigger"] for e in record["events"] if e["type"] == t],
                       "arguments": roles[t]} for t in chunk]
            yield "EEA", instruction("EEA", lang, schema, text), convert("EE", text, schema, events)
    elif kind == "graph":
        for chunk in split(types, SPLIT["KG"]):
            schema = [{"entity_type": t, "attributes": roles[t]} for t in chunk]
            # Hum's graph records are typed; IEPile's KG records are triples of one entity type.
            triples = [{"head": e["name"], "relation": a, "tail": v}
                       for e in record["entities"] if e["type"] in chunk
                       for a, vs in e["attributes"].items() for v in (vs if isinstance(vs, list) else [vs])]
            yield "KGE", instruction("KG", lang, schema, text), convert("KG", text, schema, triples)


def main():
    records = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
    labels = universes(records)
    with open(sys.argv[3], "w", encoding="utf-8") as out:
        for record in records:
            for task, instr, output in lines_for(record, labels[record["source"]]):
                out.write(json.dumps({"record": record["id"], "task": task, "instruction": instr,
                                      "output": output}, ensure_ascii=False) + "\n")


main()
