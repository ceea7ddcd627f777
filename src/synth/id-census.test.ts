import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { KeyFilter } from "../util/index.ts";
import { censusFor, IdCensus } from "./id-census.ts";

describe("IdCensus", () => {
  it("keeps every id used twice, whatever lies between the uses, and few others", () => {
    // Sized far too small: the filter takes many new ids for repeats.
    const census = new IdCensus(new KeyFilter(1_000));
    const repeats = new Set<string>();
    for (let i = 0; i < 50_000; i++) {
      census.add(`s\u0000${i}`);
      // An id used again soon after, or long after (another batch, another input).
      for (const back of [1, 999, 30_000])
        if (i % 97 === 0 && i >= back) {
          census.add(`s\u0000${i - back}`);
          repeats.add(`s\u0000${i - back}`);
        }
    }
    const tracked = census.toTrack();
    for (const id of repeats) assert.ok(tracked?.has(id), id);
    assert.ok(tracked !== undefined && tracked.size < repeats.size + 500, `${tracked?.size} kept`);
    assert.throws(() => census.add("s\u00000"), /closed/);
  });

  it("releases its filter when the pass is over", () => {
    const filter = new KeyFilter(1_000);
    const census = new IdCensus(filter);
    census.add("a");
    census.toTrack();
    assert.equal(filter.bytes, 0);
  });

  it("keeps every id (none tracked) when an input's records were not read", () => {
    const census = new IdCensus(new KeyFilter(1_000));
    census.add("a");
    census.missed();
    assert.equal(census.toTrack(), undefined);
  });

  it("is sized from the inputs' bytes, within bounds", () => {
    const dir = mkdtempSync(join(tmpdir(), "hum-census-"));
    writeFileSync(join(dir, "a.jsonl"), "x".repeat(256 * 100_000));
    const sizes: number[] = [];
    const sized = (expected: number) => {
      sizes.push(expected);
      return new KeyFilter(expected);
    };
    censusFor([{ path: join(dir, "a.jsonl") }, { path: join(dir, "a.jsonl") }], sized);
    censusFor([{ path: join(dir, "missing.jsonl") }], sized);
    assert.deepEqual(sizes, [200_000, 1 << 16]);
  });
});
