import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import { fewfcReader } from "./fewfc.ts";

test("FewFC: trigger mention, overlapping and nested arguments kept, events-less sentence kept", async () => {
  const { records, rejections } = await readAll(fewfcReader.read(fixture("fewfc.jsonl"), {}));
  assert.deepEqual(
    records.map((r) => r.id),
    ["a1", "a3"],
  );
  const event = records[0].kind === "events" ? records[0].events[0] : undefined;
  assert.equal(event?.trigger, "起诉");
  assert.equal(event?.trigger_start, 3);
  assert.deepEqual(
    event?.arguments.map((a) => `${a.role}:${a.text}@${a.start}`),
    ["sub-org:甲公司@0", "obj-org:乙公司@5", "obj-per:乙公司高管@9", "obj-org:乙公司@9"],
  );
  assert.deepEqual(
    rejections.map((r) => [r.location.line, r.reason.split(": ")[0]]),
    [
      [2, "span"],
      [4, "fewfc"],
      [5, "invalid JSON"],
    ],
  );
});

test("FewFC: offsets given as strings and events without a type are rejected, not read without them", async () => {
  const { records, rejections } = await readAll(fewfcReader.read(fixture("fewfc-defects.jsonl"), {}));
  assert.equal(records.length, 0);
  assert.deepEqual(
    rejections.map((r) => r.reason),
    [
      'fewfc: event "减持": mention {"word":"减持","span":["3","5"],"role":"trigger"} has no [start, end] span of integers',
      "fewfc: event without a type",
    ],
  );
});
