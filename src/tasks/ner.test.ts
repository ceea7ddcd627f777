import assert from "node:assert/strict";
import { test } from "node:test";
import { pythonJson } from "../util/index.ts";
import { ner } from "./ner.ts";

test("an NER output in the answer's shape reads as it stands; any other shape is rebuilt the same way", () => {
  const chunk = { labels: ["person", "2019", "location"] };
  const cases: Array<[unknown, Record<string, string[]>]> = [
    // Every type, each a list of texts (an integer-like type is listed first by JavaScript).
    [
      { person: ["Ada"], 2019: [], location: ["Paris", "Paris"] },
      { person: ["Ada"], 2019: [], location: ["Paris", "Paris"] },
    ],
    // Types missing, out of order, or beyond the chunk: the chunk's types first, the others after.
    [{ location: ["Rome"] }, { person: [], 2019: [], location: ["Rome"] }],
    [
      { location: [], person: ["Bo"], other: ["x"] },
      { person: ["Bo"], 2019: [], location: [], other: ["x"] },
    ],
  ];
  for (const [output, answer] of cases) {
    const parsed = ner.parseDefault(structuredClone(output), chunk);
    assert.deepEqual(parsed, answer);
    // Written back in the chunk's order, an integer-like type included (Python keeps insertion order).
    assert.ok(pythonJson(parsed).startsWith('{"person": '), pythonJson(parsed));
  }
  // The fast path: the output itself is the answer.
  const given = { person: ["Ada"], location: [] };
  assert.equal(ner.parseDefault(given, { labels: ["person", "location"] }), given);
  for (const bad of [{ person: "Ada", 2019: [], location: [] }, { person: [1], 2019: [], location: [] }, []])
    assert.throws(() => ner.parseDefault(bad, chunk), /must be/);
});
