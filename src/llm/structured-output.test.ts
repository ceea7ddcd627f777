import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { extractJsonText, parseStructuredAnswer } from "./structured-output.ts";

const Labels = z.object({ label: z.string(), examples: z.array(z.string()) });
const expected = { label: "PER", examples: ["Ada", "Alan"] };

test("a clean JSON answer parses", () => {
  assert.deepEqual(parseStructuredAnswer('{"label": "PER", "examples": ["Ada", "Alan"]}', Labels), {
    ok: true,
    value: expected,
  });
});

test("repairable answers parse: trailing comma, prose around it, code fences, cut-off brackets", () => {
  const answers = [
    '{"label": "PER", "examples": ["Ada", "Alan",],}',
    'Sure! Here is the JSON you asked for:\n{"label": "PER", "examples": ["Ada", "Alan"]}\nHope it helps.',
    '```json\n{"label": "PER", "examples": ["Ada", "Alan"]}\n```',
    'Here:\n```\n{"label": "PER", "examples": ["Ada", "Alan"]\n```\nDone.',
    "{'label': 'PER', 'examples': ['Ada', 'Alan']}",
  ];
  for (const answer of answers) {
    assert.deepEqual(parseStructuredAnswer(answer, Labels), { ok: true, value: expected }, answer);
  }
});

test("brackets inside strings do not end the value early", () => {
  assert.equal(extractJsonText('x {"a": "}{\\"]", "b": [1]} tail'), '{"a": "}{\\"]", "b": [1]}');
});

test("arrays are found as well as objects", () => {
  assert.deepEqual(parseStructuredAnswer("The list: [1, 2, 3] as requested", z.array(z.number())), {
    ok: true,
    value: [1, 2, 3],
  });
});

test("text without JSON is invalid_json", () => {
  const outcome = parseStructuredAnswer("I cannot help with that.", Labels);
  assert.equal(outcome.ok, false);
  assert.equal(!outcome.ok && outcome.reason, "invalid_json");
});

test("JSON of the wrong shape is schema_mismatch, naming the field", () => {
  const outcome = parseStructuredAnswer('{"label": 3, "examples": []}', Labels);
  assert.equal(outcome.ok, false);
  assert.equal(!outcome.ok && outcome.reason, "schema_mismatch");
  assert.match(!outcome.ok ? outcome.message : "", /label/);
});
