import assert from "node:assert/strict";
import { test } from "node:test";
import { pythonJson } from "../util/index.ts";
import { re } from "./re.ts";

const pair = (subject: string, object: string) => ({ subject, object });

test("an RE output in the answer's shape reads as it stands; any other shape is rebuilt the same way", () => {
  const chunk = { labels: ["born in", "1984"] };
  const cases: Array<[unknown, Record<string, Array<{ subject: string; object: string }>>]> = [
    // An integer-like relation is listed first by JavaScript: rebuilt, and written in the chunk's order.
    [
      { "born in": [pair("Ada", "London")], 1984: [] },
      { "born in": [pair("Ada", "London")], 1984: [] },
    ],
    // A repeated pair is kept once; keys of a pair out of order, or beyond the two, are rebuilt.
    [{ "born in": [pair("A", "B"), pair("A", "B")] }, { "born in": [pair("A", "B")], 1984: [] }],
    [{ "born in": [{ object: "B", subject: "A", note: "x" }] }, { "born in": [pair("A", "B")], 1984: [] }],
  ];
  for (const [output, answer] of cases) {
    const parsed = re.parseDefault(structuredClone(output), chunk);
    assert.deepEqual(parsed, answer);
    assert.ok(pythonJson(parsed).startsWith('{"born in": '), pythonJson(parsed));
  }
  // The fast path: the output itself is the answer.
  const given = { works_for: [pair("Ada", "IBM"), pair("Bo", "IBM")], located_in: [] };
  assert.equal(re.parseDefault(given, { labels: ["works_for", "located_in"] }), given);
  for (const bad of [{ "born in": [pair("A", "B"), { subject: "A", object: 3 }] }, { "born in": "x" }])
    assert.throws(() => re.parseDefault(bad, chunk), /must be/);
});
