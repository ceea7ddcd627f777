import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, readAll } from "../../test/support/read-all.ts";
import type { GraphRecord } from "../records/index.ts";
import { chooseReader } from "./index.ts";
import { instructieReader } from "./instructie.ts";

test("InstructIE: triples grouped by head entity into graph records; a tail not in the text rejects the line", async () => {
  assert.equal(chooseReader(fixture("instructie.json")).name, "instructie");
  const { records, rejections } = await readAll(instructieReader.read(fixture("instructie.json"), {}));
  const [airport, empty] = records as GraphRecord[];
  assert.equal(airport.source, "instructie");
  assert.deepEqual(airport.entities, [
    {
      type: "building",
      name: "Wewak Airport",
      attributes: { "alternative name": "Boram Airport", "located in": ["Wewak", "Papua New Guinea"] },
    },
    { type: "geographic region", name: "Wewak", attributes: { "located in": "Papua New Guinea" } },
  ]);
  assert.deepEqual([empty.id, empty.entities], ["kg-3", []]);
  assert.equal(rejections.length, 1);
  assert.equal(rejections[0].location.line, 2);
  assert.match(
    rejections[0].reason,
    /^span: entities\[0\]\.attributes\.place of birth: span "Londres" does not occur/,
  );
});
