// Every reader rejects text that is not UTF-8 or holds NUL bytes, with a reason, instead of reading it
// with U+FFFD replacements (a span with the bad bytes would still "match" its text).
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { readDataset } from "../src/readers/index.ts";

const fixtures = fileURLToPath(new URL("./fixtures/readers/", import.meta.url));

const CASES: { fixture: string; format: string; file?: string }[] = [
  { fixture: "canonical.jsonl", format: "canonical" },
  { fixture: "conll/token-tag.txt", format: "conll" },
  { fixture: "conll04.txt", format: "conll04" },
  { fixture: "ade.rel", format: "ade" },
  { fixture: "chnsenticorp.tsv", format: "label-tsv" },
  { fixture: "fewfc.jsonl", format: "fewfc" },
  { fixture: "phee.jsonl", format: "phee" },
  { fixture: "scierc-relation.jsonl", format: "scierc-relation" },
  { fixture: "seed-tasks.jsonl", format: "alpaca" },
  { fixture: "c3.json", format: "c3" },
  { fixture: "squad.json", format: "squad" },
  { fixture: "alpaca.json", format: "alpaca" },
  { fixture: "fewrel", format: "fewrel", file: "val.json" },
  { fixture: "aclImdb", format: "aclimdb" },
  { fixture: "casie", format: "casie", file: "annotation/1.json" },
  { fixture: "iepile/train.json", format: "iepile" },
  { fixture: "iepile-raw/sample.json", format: "iepile" },
];

/** Inserts `bad` into the second line (or the start of the first text file in a folder). */
function corrupt(path: string, bad: number): void {
  const file = statSync(path).isDirectory() ? firstTextFile(path) : path;
  const bytes = readFileSync(file);
  const at = Math.min(bytes.indexOf(0x0a) + 3, bytes.length);
  writeFileSync(file, Buffer.concat([bytes.subarray(0, at), Buffer.from([bad]), bytes.subarray(at)]));
}

function firstTextFile(dir: string): string {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      const found = firstTextFile(path);
      if (found) return found;
    } else if (name.endsWith(".txt")) return path;
  }
  return "";
}

for (const { fixture, format, file } of CASES) {
  for (const [what, byte] of [
    ["a byte that is not UTF-8", 0xff],
    ["a NUL byte", 0x00],
  ] as const) {
    test(`${format}: ${what} is a rejection with its reason, never a record with U+FFFD`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "hum-bad-bytes-"));
      const path = join(dir, fixture.split("/").pop()!);
      cpSync(join(fixtures, fixture), path, { recursive: true });
      corrupt(file ? join(path, file) : path, byte);
      const reasons: string[] = [];
      for await (const item of readDataset(file ? join(path, file) : path, { format })) {
        if (item.ok) assert.doesNotMatch(JSON.stringify(item.record), /\uFFFD|\\u0000/);
        else reasons.push(item.reason);
      }
      assert.ok(
        reasons.some((reason) => reason.startsWith("encoding:") || reason.includes("encoding:")),
        `no encoding rejection among ${JSON.stringify(reasons)}`,
      );
    });
  }
}
