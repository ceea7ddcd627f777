import fc from "fast-check";
import type { CanonicalRecord } from "../../src/records/index.ts";

/** fast-check generators of canonical records whose spans really occur in their text. */

const WORDS = [
  "Ada",
  "Rome",
  "river",
  "signed",
  "the",
  "treaty",
  "北京",
  "公司",
  "in",
  "May",
  "Turing Award",
  "$",
  "4,500",
  '"Dune"',
];

const text = fc
  .array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 14 })
  .map((words) => words.join(" "));

/** A span of the text: a run of whole words. */
function spanOf(source: string): fc.Arbitrary<string> {
  const words = source.split(" ");
  return fc
    .tuple(fc.nat(words.length - 1), fc.integer({ min: 1, max: 3 }))
    .map(([start, length]) => words.slice(start, start + length).join(" "));
}

const typeName = (prefix: string) =>
  fc.constantFrom(...["a", "b", "c", "d", "e", "f", "g", "h"].map((s) => `${prefix}${s}`));
const lang = fc.constantFrom("en" as const, "zh" as const);

export const entitiesRecord = fc.tuple(text, lang).chain(([t, l]) =>
  fc.record({
    kind: fc.constant("entities" as const),
    source: fc.constant("gen_ner"),
    lang: fc.constant(l),
    text: fc.constant(t),
    entities: fc.array(fc.record({ text: spanOf(t), type: typeName("type_") }), { maxLength: 6 }),
  }),
);

export const relationsRecord = fc.tuple(text, lang).chain(([t, l]) =>
  fc.record({
    kind: fc.constant("relations" as const),
    source: fc.constant("gen_re"),
    lang: fc.constant(l),
    text: fc.constant(t),
    relations: fc.array(
      fc.record({
        subject: spanOf(t),
        relation: typeName("rel_"),
        object: spanOf(t),
        subject_type: fc.constant("thing"),
        object_type: fc.constant("place"),
      }),
      { maxLength: 5 },
    ),
  }),
);

export const eventsRecord = fc.tuple(text, lang).chain(([t, l]) =>
  fc.record({
    kind: fc.constant("events" as const),
    source: fc.constant("gen_ee"),
    lang: fc.constant(l),
    text: fc.constant(t),
    events: fc.array(
      fc.record({
        type: typeName("event_"),
        trigger: spanOf(t),
        arguments: fc.array(fc.record({ role: typeName("role_"), text: spanOf(t) }), { maxLength: 4 }),
      }),
      { maxLength: 4 },
    ),
  }),
);

export const tuplesRecord = fc.tuple(text, lang).chain(([t, l]) =>
  fc.record({
    kind: fc.constant("tuples" as const),
    source: fc.constant("gen_oie"),
    lang: fc.constant(l),
    text: fc.constant(t),
    tuples: fc.array(
      fc.record(
        { subject: spanOf(t), predicate: spanOf(t), object: spanOf(t), time: spanOf(t) },
        { requiredKeys: ["subject", "predicate"] },
      ),
      { minLength: 1, maxLength: 3 },
    ),
  }),
);

export const graphRecord = fc.tuple(text, lang).chain(([t, l]) =>
  fc.record({
    kind: fc.constant("graph" as const),
    source: fc.constant("gen_kge"),
    lang: fc.constant(l),
    text: fc.constant(t),
    entities: fc.array(
      fc.record({
        type: typeName("etype_"),
        name: spanOf(t),
        attributes: fc.dictionary(
          typeName("attr_"),
          fc.oneof(spanOf(t), fc.array(spanOf(t), { minLength: 1, maxLength: 2 })),
        ),
      }),
      { maxLength: 3 },
    ),
  }),
);

export const qaRecord = fc.tuple(text, lang).chain(([t, l]) =>
  fc.oneof(
    fc.record({
      kind: fc.constant("qa" as const),
      source: fc.constant("gen_mrc"),
      lang: fc.constant(l),
      text: fc.constant(t),
      question: fc.constant("What?"),
      answer: fc.option(spanOf(t), { nil: null }),
    }),
    fc.record({
      kind: fc.constant("qa" as const),
      source: fc.constant("gen_choice"),
      lang: fc.constant(l),
      text: fc.constant(t),
      question: fc.constant("Which?"),
      answer: fc.constant("second"),
      choices: fc.constant(["first", "second", "third"]),
    }),
  ),
);

export const classificationRecord = fc.record({
  kind: fc.constant("classification" as const),
  source: fc.constantFrom("gen_topic", "gen_sentiment"),
  lang,
  text,
  label: fc.constantFrom("positive", "negative"),
});

export const chatRecord = fc.record({
  kind: fc.constant("chat" as const),
  source: fc.constant("gen_chat"),
  lang,
  instruction: fc.constant("Say something."),
  input: fc.option(text, { nil: undefined }),
  output: text,
});

export const anyRecord: fc.Arbitrary<CanonicalRecord> = fc.oneof(
  entitiesRecord,
  relationsRecord,
  eventsRecord,
  tuplesRecord,
  graphRecord,
  qaRecord,
  classificationRecord,
  chatRecord,
) as fc.Arbitrary<CanonicalRecord>;
