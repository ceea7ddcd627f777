import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type BuildManifest, buildEvalSets } from "./build-eval-sets.ts";
import type { EvalRecord } from "./eval-record.ts";
import { readLabelDescriptions } from "./label-descriptions.ts";

const FIXTURES = fileURLToPath(new URL("../../test/fixtures/eval/", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "hum-eval-build-"));
after(() => rmSync(work, { recursive: true, force: true }));

async function build(out: string, formatShare = 0.5): Promise<BuildManifest> {
  return buildEvalSets({
    datasets: FIXTURES,
    out: join(work, out),
    seed: 42,
    examplePool: 20,
    formatShare,
    descriptions: readLabelDescriptions(join(FIXTURES, "descriptions.yaml")),
  });
}

function lines(path: string): EvalRecord[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as EvalRecord);
}

describe("buildEvalSets on the native-format fixtures", async () => {
  const manifest = await build("first");

  it("builds every set, B and C with the same chunks", () => {
    assert.deepEqual(
      manifest.sets.map((s) => [s.dataset, s.task]),
      [
        ["crossner", "NER"],
        ["fewrel", "RE"],
        ["fewfc", "EE"],
        ["c3", "MRC"],
        ["imdb", "TC"],
      ],
    );
    for (const set of manifest.sets) {
      assert.equal(set.records.rejected, 0);
      assert.equal(set.instructions.B, set.instructions.C);
      const b = lines(set.files.B);
      const c = lines(set.files.C);
      assert.deepEqual(
        b.map((r) => [r.record_id, r.chunk]),
        c.map((r) => [r.record_id, r.chunk]),
      );
    }
  });

  it("is deterministic: the same inputs and seed give the same bytes", async () => {
    const again = await build("second");
    for (const [index, set] of manifest.sets.entries())
      for (const variant of ["B", "C"] as const)
        assert.equal(
          readFileSync(again.sets[index].files[variant], "utf8"),
          readFileSync(set.files[variant], "utf8"),
        );
  });

  it("B asks every label of the source once per record (p = 1)", () => {
    const crossner = lines(manifest.sets[0].files.B);
    const asked = new Map<string, string[]>();
    for (const record of crossner)
      asked.set(record.record_id, [...(asked.get(record.record_id) ?? []), ...record.chunk.labels]);
    const aiLabels = ["award", "conference", "field", "location", "metrics", "researcher", "university"];
    for (const [recordId, labels] of asked)
      if (recordId.startsWith("crossner_ai/")) assert.deepEqual(labels.slice().sort(), aiLabels);
  });

  it("never scores the example pool, and C examples come from it only", () => {
    for (const set of manifest.sets) {
      const scoredIds = new Set(lines(set.files.B).map((r) => r.record_id));
      for (const id of set.example_pool_ids) assert.ok(!scoredIds.has(id), `${id} is scored`);
    }
    const fewrel = lines(manifest.sets[1].files.C);
    const scoredInputs = new Set(lines(manifest.sets[1].files.B).map((r) => JSON.parse(r.instruction).input));
    let examples = 0;
    for (const record of fewrel)
      for (const example of JSON.parse(record.instruction).example ?? []) {
        examples++;
        assert.ok(
          !scoredInputs.has(example.input),
          `a scored record is shown as an example: ${example.input}`,
        );
      }
    assert.ok(examples > 0);
  });

  it("C carries dictionary descriptions and asks other formats for a share", () => {
    const crossner = lines(manifest.sets[0].files.C);
    const schema = JSON.parse(crossner.find((r) => r.source === "crossner_ai")!.instruction).schema;
    assert.deepEqual(
      schema.find((entry: { entity_type: string }) => entry.entity_type === "award"),
      { entity_type: "award", description: "A prize given for an achievement." },
    );
    const formats = new Set(manifest.sets.flatMap((s) => lines(s.files.C).map((r) => r.format)));
    assert.ok(formats.has("default") && formats.size > 1, `formats: ${[...formats]}`);
  });

  it("labels FewFC as the CCF Law stand-in", () => {
    assert.equal(manifest.sets[2].title, "FewFC (CCF Law stand-in)");
  });
});
