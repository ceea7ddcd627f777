import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { syntheticPredictions } from "../../test/support/synthetic-predictions.ts";
import {
  isEvalRecord,
  isPredictionRecord,
  PredictionRecordShape,
  readPredictions,
} from "./eval-record-schema.ts";

const valid = (): Record<string, unknown> =>
  structuredClone(syntheticPredictions("EE", 1, 3).predictions[0]) as unknown as Record<string, unknown>;

/** One field of a valid prediction changed: each is a way a hand-edited line goes wrong (or stays right). */
const EDITS: Array<[string, (r: Record<string, unknown>) => void]> = [
  ["as written", () => {}],
  ["id missing", (r) => delete r.id],
  ["id a number", (r) => (r.id = 7)],
  ["unknown dataset", (r) => (r.dataset = "conll")],
  ["variant A", (r) => (r.variant = "A")],
  ["lang fr", (r) => (r.lang = "fr")],
  ["task null", (r) => (r.task = null)],
  ["chunk a list", (r) => (r.chunk = [])],
  ["labels not strings", (r) => (r.chunk = { labels: [1] })],
  ["roles not lists", (r) => (r.chunk = { labels: ["a"], roles: { a: "x" } })],
  ["roles null", (r) => (r.chunk = { labels: ["a"], roles: null })],
  ["plain a string", (r) => (r.chunk = { labels: ["a"], plain: "yes" })],
  ["plain true", (r) => (r.chunk = { labels: ["a"], plain: true })],
  ["label a list", (r) => (r.label = [])],
  ["label null", (r) => (r.label = null)],
  ["output null", (r) => (r.output = null)],
  ["output missing", (r) => delete r.output],
  ["output an object", (r) => (r.output = {})],
  ["error well formed", (r) => (r.error = { reason: "timeout", message: "m", raw_output: null })],
  ["error without reason", (r) => (r.error = { message: "m", raw_output: null })],
  ["error raw_output a number", (r) => (r.error = { reason: "x", message: "m", raw_output: 1 })],
  ["error a string", (r) => (r.error = "timeout")],
  ["extra field", (r) => (r.extra = { any: "thing" })],
  ["reference_output missing", (r) => delete r.reference_output],
];

describe("prediction lines checked without zod", () => {
  it("accept exactly what the zod schema accepts", () => {
    for (const [name, edit] of EDITS) {
      const record = valid();
      edit(record);
      const value = JSON.parse(JSON.stringify(record));
      assert.equal(isPredictionRecord(value), PredictionRecordShape.safeParse(value).success, name);
    }
    assert.equal(isEvalRecord(valid()), true);
    assert.equal(isPredictionRecord([]), false);
  });

  it("report a bad line with zod's reason, its file and line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hum-schema-"));
    try {
      const file = join(dir, "predictions.jsonl");
      const bad = valid();
      bad.variant = "A";
      writeFileSync(file, `${JSON.stringify(valid())}\n\n${JSON.stringify(bad)}\n`);
      const read: unknown[] = [];
      await assert.rejects(
        async () => {
          for await (const p of readPredictions(file)) read.push(p);
        },
        (error: Error) => {
          assert.match(error.message, /predictions\.jsonl:3: variant: /);
          return true;
        },
      );
      assert.deepEqual(read, [valid()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
