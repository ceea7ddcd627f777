import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { anyRecord, generateCorpus } from "../../test/support/generated-records.ts";
import { fastRecord } from "./fast-record.ts";
import { CanonicalRecord } from "./record.ts";

/** Odd values a field may hold in a broken line. */
const oddValue = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.constant("  "),
  fc.constant(-1),
  fc.constant(1.5),
  fc.constant(2 ** 60),
  fc.constant([]),
  fc.constant({}),
  fc.constant("topic"),
  fc.constant("x"),
  fc.constant(3),
);

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
  if (action === 0 || keys.length === 0) node.unknown_key = odd;
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

test("the fast path takes the common kinds' valid records and leaves the rest to zod", () => {
  const { records } = generateCorpus(160, 4);
  for (const record of records) {
    const value = JSON.parse(JSON.stringify(record));
    const fast = fastRecord(value);
    const common = ["entities", "relations", "events", "classification"].includes(record.kind);
    assert.equal(fast !== undefined, common, record.kind);
    if (fast) assert.equal(JSON.stringify(fast), zodBytes(value));
  }
});
