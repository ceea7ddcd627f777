import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { sourceLicence } from "./source-licences.ts";

/** The shared dataset slices' README, in the `shared` folder beside the repository. */
const README = new URL("../../../shared/datasets/README.md", import.meta.url).pathname;

/** The kind of licence a text states, so differently worded statements of one licence compare equal. */
function licenceKind(text: string): string {
  if (/none stated|no data licence/i.test(text)) return "none stated";
  if (/non-commercial/i.test(text) && !/CC BY-NC/.test(text)) return "non-commercial";
  for (const [pattern, kind] of [
    [/^MIT\b/, "mit"],
    [/^Apache-2\.0/, "apache-2.0"],
    [/^CC BY-SA 4\.0/, "cc-by-sa-4.0"],
    [/^CC BY-NC 4\.0/, "cc-by-nc-4.0"],
  ] as const)
    if (pattern.test(text.replace(/^"/, ""))) return kind;
  return `unrecognised: ${text}`;
}

test("the card states each shared dataset's licence as the datasets' README does", (t) => {
  if (!existsSync(README)) return t.skip("../shared/datasets not found");
  const rows = readFileSync(README, "utf8")
    .split("\n")
    .filter((line) => /^\| `[a-z0-9_]+` \|/.test(line))
    .map((line) => line.split(/(?<!\\)\|/).map((cell) => cell.trim()));
  assert.ok(rows.length >= 14);
  for (const row of rows) {
    const folder = row[1].replaceAll("`", "");
    const stated = row[6];
    const source = folder === "crossner" ? "crossner_ai" : folder;
    const ours = sourceLicence(source);
    assert.equal(
      licenceKind(ours.licence),
      licenceKind(stated),
      `${folder}: "${ours.licence}" vs "${stated}"`,
    );
    const kind = licenceKind(stated);
    assert.equal(ours.hub, ["none stated", "non-commercial"].includes(kind) ? undefined : kind, folder);
  }
});

test("a user's statement wins, and an unknown source says how to state it", () => {
  assert.equal(sourceLicence("my_corpus").licence, "not known to Hum; state it with --source-licences");
  assert.deepEqual(sourceLicence("fewrel", { fewrel: { licence: "MIT, checked by legal" } }), {
    licence: "MIT, checked by legal",
  });
});
