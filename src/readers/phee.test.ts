import assert from "node:assert/strict";
import { test } from "node:test";
import { pheeReader } from "./phee.ts";
import { fixture, readAll } from "./read-all.ts";

test("PHEE: nested arguments as Parent.Child, every fragment of a discontinuous mention", async () => {
  const { records, rejections } = await readAll(pheeReader.read(fixture("phee.jsonl"), {}));
  assert.equal(rejections.length, 0);
  const [therapy, adverse] = records.map((r) => (r.kind === "events" ? r.events[0] : undefined));
  assert.equal(therapy?.trigger, "Treatment of");
  assert.deepEqual(
    therapy?.arguments.map((a) => `${a.role}:${a.text}`),
    [
      "Treatment:metoprolol",
      "Treatment.Disorder:lithium tremor",
      "Treatment.Drug:lithium",
      "Treatment.Drug:metoprolol",
    ],
  );
  assert.deepEqual(
    adverse?.arguments.map((a) => `${a.role}:${a.text}@${a.start}`),
    ["Effect:rash@2", "Effect:fever@11", "Treatment:aspirin@26"],
  );
});
