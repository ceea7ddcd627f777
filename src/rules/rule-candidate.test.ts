import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { CanonicalRecord } from "../records/index.ts";
import { candidatesOf, sampleRuleCandidates } from "./rule-candidate.ts";
import { strategies } from "./strategies.ts";

function strategiesFor(record: CanonicalRecord): Record<string, string[]> {
  const byLabel: Record<string, string[]> = {};
  for (const candidate of candidatesOf(record, "r"))
    byLabel[candidate.label] = strategies()
      .filter((s) => s.applies(candidate))
      .map((s) => s.name);
  return byLabel;
}

test("each strategy is offered only where it can apply", () => {
  const entities: CanonicalRecord = {
    kind: "entities",
    source: "s",
    lang: "en",
    text: "He paid $500 to Bank of China in Paris.",
    entities: [
      { text: "$500", type: "money" },
      { text: "Bank of China", type: "org" },
      { text: "Paris", type: "loc" },
    ],
  };
  assert.deepEqual(strategiesFor(entities), {
    money: ["punctuation"],
    org: ["boundaries", "nesting"],
    loc: [],
  });
  const relations: CanonicalRecord = {
    kind: "relations",
    source: "s",
    lang: "en",
    text: "Cameron directed Avatar.",
    relations: [{ subject: "Cameron", relation: "directed", object: "Avatar" }],
  };
  assert.deepEqual(strategiesFor(relations), { directed: ["reverse"] });
});

test("the sample is seeded, capped per source and strategy, and independent of input order", async () => {
  const directory = mkdtempSync(join(tmpdir(), "hum-rules-"));
  try {
    const records = Array.from({ length: 30 }, (_, index) => ({
      kind: "entities",
      id: `r${index}`,
      source: "s",
      lang: "en",
      text: `Ann Lee met Bob Ray on day ${index}.`,
      entities: [
        { text: "Ann Lee", type: "person" },
        { text: "Bob Ray", type: "person" },
      ],
    }));
    const forward = join(directory, "forward.jsonl");
    const backward = join(directory, "backward.jsonl");
    writeFileSync(forward, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
    writeFileSync(
      backward,
      [...records]
        .reverse()
        .map((r) => `${JSON.stringify(r)}\n`)
        .join(""),
    );
    const ids = async (path: string, seed: number) =>
      (await sampleRuleCandidates([{ path }], { perStrategy: 5, seed })).sampled.map(
        ({ strategy, candidate }) => `${strategy.name}:${candidate.recordId}`,
      );
    const first = await ids(forward, 7);
    assert.equal(first.length, 20, "boundaries, numerical, granularity, nesting: 5 each");
    assert.deepEqual(await ids(backward, 7), first);
    assert.notDeepEqual(await ids(forward, 8), first);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
