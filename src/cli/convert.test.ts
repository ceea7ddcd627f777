import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { fixture } from "../../test/support/read-all.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const hum = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, "bin/hum.js"), ...args], { encoding: "utf8" });

test("hum convert: a format it cannot tell is an error naming the candidates, without the help", () => {
  const out = join(mkdtempSync(join(tmpdir(), "hum-convert-")), "out.jsonl");
  const run = hum("convert", fixture("ade-files/mixed.rel"), "--out", out);
  assert.equal(run.status, 1);
  assert.match(
    run.stderr,
    /^hum: .*mixed\.rel: cannot tell the format \(it could be ade or ade-dose\); give it with --format <name>\n$/,
  );
  assert.doesNotMatch(run.stderr + run.stdout, /Usage:/);
});

test("hum convert: reader notes in the summary; reading options reach the reader", () => {
  const dir = mkdtempSync(join(tmpdir(), "hum-convert-"));
  const casie = hum("convert", fixture("casie-defects"), "--out", join(dir, "casie.jsonl"));
  assert.equal(casie.status, 0, casie.stderr);
  assert.match(casie.stdout, /note: casie: spans realigned by a constant shift \(3\)/);
  assert.match(casie.stdout, /rejected: 3/);
  const out = join(dir, "semeval.jsonl");
  const semeval = hum("convert", fixture("fewrel2/val_semeval.json"), "--out", out, "--normalize-direction");
  assert.equal(semeval.status, 0, semeval.stderr);
  const relations = readFileSync(out, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line).relations[0].relation);
  assert.deepEqual(relations, ["Cause-Effect", "Cause-Effect", "Other"]);
});

test("hum convert --label-map: none keeps raw tags; a file renames them", () => {
  const dir = mkdtempSync(join(tmpdir(), "hum-convert-"));
  const types = (out: string) =>
    readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .flatMap((line) => (JSON.parse(line).entities ?? []).map((e: { type: string }) => e.type));
  const raw = join(dir, "raw.jsonl");
  assert.equal(hum("convert", fixture("conll04.txt"), "--out", raw, "--label-map", "none").status, 0);
  assert.ok(types(raw).includes("Peop"));
  const mine = join(dir, "mine.jsonl");
  const run = hum(
    "convert",
    fixture("conll04.txt"),
    "--out",
    mine,
    "--label-map",
    fixture("label-maps/conll04.yaml"),
  );
  assert.equal(run.status, 0, run.stderr);
  assert.ok(types(mine).includes("people"));
});

test("the reading flags reach every command that reads datasets (dict mine --label-map none)", () => {
  const out = join(mkdtempSync(join(tmpdir(), "hum-mine-")), "dictionary.yaml");
  const run = hum("dict", "mine", "-i", fixture("conll04.txt"), "--label-map", "none", "-o", out);
  assert.equal(run.status, 0, run.stderr);
  const text = readFileSync(out, "utf8");
  assert.match(text, /\n {6}Peop:/);
  assert.doesNotMatch(text, /\n {6}person:/);
});
