import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture } from "../../test/support/read-all.ts";
import { collectLabelUniverse } from "./label-universe.ts";

test("the label universe honours labels a reader declares (IEPile's schema.json), not only those used", async () => {
  const universe = await collectLabelUniverse([
    { path: fixture("iepile-raw/sample.json"), format: "iepile" },
  ]);
  assert.deepEqual(universe.get("sample")?.entities, ["人物", "地理位置", "组织机构"]);
});
