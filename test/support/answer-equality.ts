import assert from "node:assert/strict";
import type { AnswerRow, SchemaChunk, TaskSpec } from "../../src/tasks/index.ts";

/**
 * Assert that `parsed` is `answer` read back. Flat renderings (rows, tables, lines) do not say which
 * mention a row belongs to, so two events sharing type and trigger read back as one: for those the
 * answer as its rows carry it is accepted too.
 */
export function assertReadsBack(
  task: TaskSpec,
  chunk: SchemaChunk,
  parsed: unknown,
  answer: unknown,
  message: string,
): void {
  try {
    assert.deepEqual(parsed, answer, message);
  } catch (error) {
    const flat = task.fromRows(task.toRows(answer) as AnswerRow[], chunk);
    if (!isDeepEqual(parsed, flat)) throw error;
  }
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepEqual(a, b);
    return true;
  } catch {
    return false;
  }
}
