import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { anyRecord, generateCorpus } from "../../test/support/generated-records.ts";
import { fastRecord } from "./fast-record.ts";
import { CanonicalRecord } from "./record.ts";

/** Odd values a field may hold in a broken line. */
const ODD_VALUES: unknown[] = [
  null,
  "",
  "  ",
  -1,
  1.5,
  2 ** 60,
  [],
  {},
  "topic",
  "x",
  3,
  ["x"],
  ["x", "  "],
  { a: "x", b: ["y"] },
  { a: [] },
];
const oddValue = fc.constantFrom(...ODD_VALUES);

/** Optional fields of the record kinds, which a generated record may lack: a mutation may add one. */
const OPTIONAL_KEYS = [
  "id",
  "input",
  "choices",
  "answer_start",
  "attributes",
  "object",
  "time",
  "location",
  "aspect",
  "subject_type",
  "object_type",
  "start",
  "end",
  "trigger_start",
  "arguments",
];

/** A record, then (maybe) one field somewhere inside it replaced, removed, or added. */
function mutate(value: unknown, path: number[], odd: unknown, action: number): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const step of path) {
    const children = Object.values(node).filter((v) => typeof v === "object" && v !== null) as Array<
      Record<string, unknown>
    >;
    if (children.length === 0) break;
    node = children[step % children.length];
  }
  const keys = Object.keys(node);
  const sum = path.reduce((a, b) => a + b, 0);
  if (action === 0 || keys.length === 0)
    node[sum % 2 === 0 ? "unknown_key" : OPTIONAL_KEYS[sum % OPTIONAL_KEYS.length]] = odd;
  else if (action === 1) delete node[keys[path.length % keys.length]];
  else node[keys[path.length % keys.length]] = odd;
  return copy;
}

/** What zod gives, as bytes: key order matters to what synthesis writes. */
function zodBytes(value: unknown): string | undefined {
  const parsed = CanonicalRecord.safeParse(value);
  return parsed.success ? JSON.stringify(parsed.data) : undefined;
}

test("the fast path accepts only what zod accepts, and gives zod's record byte for byte", () => {
  fc.assert(
    fc.property(
      anyRecord,
      fc.array(fc.nat(20), { maxLength: 4 }),
      oddValue,
      fc.integer({ min: 0, max: 3 }),
      (record, path, odd, action) => {
        for (const value of [record, action === 3 ? record : mutate(record, path, odd, action)]) {
          const fast = fastRecord(value);
          if (fast !== undefined) assert.equal(JSON.stringify(fast), zodBytes(value));
        }
      },
    ),
    { numRuns: 3000 },
  );
});

test("every field of every kind (and of its first list item), set to each odd value or removed", () => {
  const { records } = generateCorpus(160, 4);
  const check = (value: unknown) => {
    const fast = fastRecord(value);
    if (fast !== undefined) assert.equal(JSON.stringify(fast), zodBytes(value), JSON.stringify(value));
  };
  for (const record of records) {
    const value = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
    const nodes: Array<(copy: Record<string, unknown>) => Record<string, unknown>> = [(copy) => copy];
    for (const [key, field] of Object.entries(value))
      if (Array.isArray(field) && typeof field[0] === "object")
        nodes.push((copy) => (copy[key] as Array<Record<string, unknown>>)[0]);
    for (const nodeOf of nodes)
      for (const key of [...Object.keys(nodeOf(value)), ...OPTIONAL_KEYS]) {
        for (const odd of ODD_VALUES) {
          const copy = structuredClone(value);
          nodeOf(copy)[key] = odd;
          check(copy);
        }
        const copy = structuredClone(value);
        delete nodeOf(copy)[key];
        check(copy);
      }
  }
});

test("attribute names an object treats specially are left to zod", () => {
  const value = JSON.parse(
    '{"kind": "graph", "source": "s", "lang": "en", "text": "t", "entities": [{"type": "a", "name": "b", "attributes": {"__proto__": "x", "k": ["v"]}}]}',
  );
  assert.equal(fastRecord(value), undefined);
});

test("the fast path takes the valid records of every kind", () => {
  const { records } = generateCorpus(160, 4);
  assert.equal(new Set(records.map((r) => r.kind)).size, 8);
  for (const record of records) {
    const value = JSON.parse(JSON.stringify(record));
    const fast = fastRecord(value);
    assert.notEqual(fast, undefined, record.kind);
    if (fast) assert.equal(JSON.stringify(fast), zodBytes(value));
  }
});
