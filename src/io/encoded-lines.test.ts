import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeLines, encodeLines } from "./encoded-lines.ts";

describe("encodeLines", () => {
  it("writes each line and its newline as UTF-8, and decodes back to the lines", () => {
    const lines = ['{"a":1}', '{"text":"北京 — café 😀"}', ""];
    const bytes = encodeLines(lines);
    assert.equal(Buffer.from(bytes).toString("utf8"), `${lines.join("\n")}\n`);
    assert.deepEqual(decodeLines(bytes), lines);
  });

  it("grows past its first guess when lines are wider than one byte a unit", () => {
    // Far more than the slack the first buffer leaves: every unit takes three bytes.
    const wide = "中".repeat(200_000);
    const bytes = encodeLines([wide, wide]);
    assert.equal(bytes.length, 2 * (3 * 200_000 + 1));
    assert.deepEqual(decodeLines(bytes), [wide, wide]);
  });

  it("owns its memory, so it can be transferred to another thread", () => {
    const bytes = encodeLines(["x", "y"]);
    // Not a view of Node's shared pool of small buffers, which a transfer would take from every user.
    assert.notEqual(bytes.buffer, Buffer.allocUnsafe(1).buffer);
    const moved = structuredClone(bytes, { transfer: [bytes.buffer] });
    assert.equal(bytes.length, 0);
    assert.deepEqual(decodeLines(moved), ["x", "y"]);
    assert.deepEqual(decodeLines(encodeLines([])), []);
  });
});
