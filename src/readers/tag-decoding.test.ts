import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { decodeTags, encodeSpans, type TaggingScheme, type TagSpan } from "./tag-decoding.ts";

/** Non-overlapping spans over `length` tokens, with types from a small set so touching spans share types. */
const spansArbitrary = fc.integer({ min: 0, max: 30 }).chain((length) =>
  fc
    .array(
      fc.tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom("PER", "LOC", "misc-x"),
      ),
      {
        maxLength: 10,
      },
    )
    .map((pieces) => {
      const spans: TagSpan[] = [];
      let at = 0;
      for (const [gap, size, type] of pieces) {
        const start = at + gap;
        if (start + size > length) break;
        spans.push({ type, start, end: start + size });
        at = start + size;
      }
      return { length, spans };
    }),
);

for (const scheme of ["bio", "iob1", "bioes"] as TaggingScheme[]) {
  test(`${scheme}: encode spans → tags → decode gives the spans back`, () => {
    fc.assert(
      fc.property(spansArbitrary, ({ length, spans }) => {
        assert.deepEqual(decodeTags(encodeSpans(spans, length, scheme)), spans);
      }),
    );
  });
}

test("decoding any tag sequence gives ordered, disjoint spans inside it", () => {
  const tag = fc.oneof(
    fc.constant("O"),
    fc.tuple(fc.constantFrom("B", "I", "E", "S"), fc.constantFrom("A", "B")).map(([p, t]) => `${p}-${t}`),
  );
  fc.assert(
    fc.property(fc.array(tag, { maxLength: 40 }), (tags) => {
      const spans = decodeTags(tags);
      let previousEnd = 0;
      for (const span of spans) {
        assert.ok(span.start >= previousEnd && span.end > span.start && span.end <= tags.length);
        previousEnd = span.end;
      }
      const tagged = tags.filter((t) => t !== "O").length;
      assert.equal(
        spans.reduce((sum, s) => sum + s.end - s.start, 0),
        tagged,
      );
    }),
  );
});

test("an I- tag without its B- starts a new span", () => {
  assert.deepEqual(decodeTags(["O", "I-PER", "I-PER", "I-LOC", "B-LOC", "I-LOC"]), [
    { type: "PER", start: 1, end: 3 },
    { type: "LOC", start: 3, end: 4 },
    { type: "LOC", start: 4, end: 6 },
  ]);
});

test("types may contain hyphens and underscores", () => {
  assert.deepEqual(decodeTags(["B-USED-FOR", "I-USED-FOR", "B-Character_Name"]), [
    { type: "USED-FOR", start: 0, end: 2 },
    { type: "Character_Name", start: 2, end: 3 },
  ]);
});
