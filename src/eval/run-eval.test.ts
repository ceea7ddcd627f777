import assert from "node:assert/strict";
import { test } from "node:test";
import { fakeAsk } from "../../test/support/fake-ask.ts";
import { runLlmJob } from "../llm/index.ts";
import type { EvalRecord } from "./eval-record.ts";
import { DEFAULT_GENERATION, evalJob } from "./run-eval.ts";

const record = (id: string, instruction: string): EvalRecord =>
  ({ id, instruction, reference_output: "[]" }) as unknown as EvalRecord;

test("eval run as a job: one user message per instruction; a failure keeps output null and the raw text", async () => {
  const records = [record("a", "Find the people."), record("b", "Find the places.")];
  const ask = fakeAsk((request) =>
    request.id === "a"
      ? { value: '["Ada"]' }
      : { reason: "length", message: "cut at max_tokens", rawText: '["Par' },
  );
  const predictions = await runLlmJob(evalJob(records, DEFAULT_GENERATION, "v2"), ask);
  assert.deepEqual(
    ask.asked.map((request) => [request.id, request.messages, request.params, request.promptVersion]),
    [
      ["a", [{ role: "user", content: "Find the people." }], DEFAULT_GENERATION, "v2"],
      ["b", [{ role: "user", content: "Find the places." }], DEFAULT_GENERATION, "v2"],
    ],
  );
  assert.deepEqual(predictions, [
    { ...records[0], output: '["Ada"]' },
    {
      ...records[1],
      output: null,
      error: { reason: "length", message: "cut at max_tokens", raw_output: '["Par' },
    },
  ]);
});
