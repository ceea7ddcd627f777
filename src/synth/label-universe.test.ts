import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fixture } from "../../test/support/read-all.ts";
import { censusFor, type IdCensus } from "./id-census.ts";
import { collectLabelUniverse, type LabelPass, scanInputs } from "./label-universe.ts";

test("the label universe honours labels a reader declares (IEPile's schema.json), not only those used", async () => {
  const universe = await collectLabelUniverse([
    { path: fixture("iepile-raw/sample.json"), format: "iepile" },
  ]);
  assert.deepEqual(universe.get("sample")?.entities, ["人物", "地理位置", "组织机构"]);
});

test("a warm label cache keeps the id census of a run's only input, not of a run of several", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hum-census-cache-"));
  const cache = join(dir, "cache");
  const [a, b] = ["a.jsonl", "b.jsonl"].map((name) => {
    const path = join(dir, name);
    writeFileSync(path, `${JSON.stringify({ kind: "entities", source: "s", text: "x", entities: [] })}\n`);
    return { path };
  });
  // A pass that counts ids as the pool's label pass does: "s\u0000r" comes back.
  const counting = (census: IdCensus) => async (): Promise<LabelPass> => {
    for (const key of ["s\u0000p", "s\u0000r", "s\u0000q", "s\u0000r"]) census.add(key);
    return { sources: {}, items: 4 };
  };
  const cold = censusFor([a]);
  await scanInputs([a], cache, counting(cold), cold);
  assert.deepEqual([...(cold.toTrack() ?? [])], ["s\u0000r"]);

  const warm = censusFor([a]);
  await scanInputs([a], cache, () => assert.fail("a cached input is not read again"), warm);
  assert.deepEqual([...(warm.toTrack() ?? [])], ["s\u0000r"], "the candidates come from the cache");

  // Two inputs: a repeat across them is in neither one's candidates, so every id is kept.
  const twoCold = censusFor([a, b]);
  await scanInputs([a, b], cache, counting(twoCold), twoCold);
  const twoWarm = censusFor([a, b]);
  await scanInputs([a, b], cache, () => assert.fail("cached"), twoWarm);
  assert.equal(twoWarm.toTrack(), undefined);
});
