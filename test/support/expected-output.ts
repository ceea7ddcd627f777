import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dictionaryText } from "../../src/dictionary/index.ts";
import { generateCorpus, generatedDictionary } from "./generated-records.ts";

/**
 * Golden output: each case runs the whole `hum` program on fixed inputs and fingerprints every file it
 * writes (sha256 and line count). Optimisations must leave these bytes alone; a deliberate change of
 * output regenerates them with `npm run update-expected` and shows up in review as a changed fingerprint.
 */

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const EXPECTED_DIR = join(ROOT, "test/expected");
const HUM = join(ROOT, "bin/hum.js");
const FIXTURES = join(ROOT, "test/fixtures/readers");

export interface Fingerprint {
  sha256: string;
  lines: number;
  bytes: number;
}

/** File name (relative to the case's folder) → fingerprint. */
export type CaseOutput = Record<string, Fingerprint>;

export interface GoldenCase {
  name: string;
  /** Writes the case's inputs into `dir` and returns the argv (after `hum`), run with `dir` as cwd. */
  prepare(dir: string): string[];
}

const GENERATED_RECORDS = 320;
const GENERATED_SEED = 2024;

/** The seeded corpus (every record kind) and its dictionary, written as canonical JSONL and YAML. */
function writeGeneratedInputs(dir: string): void {
  const { records } = generateCorpus(GENERATED_RECORDS, GENERATED_SEED);
  writeFileSync(join(dir, "corpus.jsonl"), records.map((r) => `${JSON.stringify(r)}\n`).join(""));
  writeFileSync(join(dir, "dictionary.yaml"), dictionaryText(generatedDictionary(records, 3)));
}

const generatedSynth =
  (...flags: string[]) =>
  (dir: string): string[] => {
    writeGeneratedInputs(dir);
    return [
      "synth",
      "--input",
      "corpus.jsonl",
      "--out",
      "out/instructions.jsonl",
      "--summary",
      "out/summary.json",
      ...flags,
    ];
  };

/** Converts a copy of a reader fixture, named by a relative path so rejects carry no machine paths. */
const convert =
  (fixture: string, ...flags: string[]) =>
  (dir: string): string[] => {
    cpSync(join(FIXTURES, fixture), join(dir, "fixture", fixture), { recursive: true });
    return ["convert", join("fixture", fixture), "--out", "out/records.jsonl", ...flags];
  };

/** Converts one file of a copied fixture folder (its other files, like FewRel's pid2name.json, beside it). */
const convertIn =
  (folder: string, file: string, ...flags: string[]) =>
  (dir: string): string[] => {
    cpSync(join(FIXTURES, folder), join(dir, "fixture", folder), { recursive: true });
    return ["convert", join("fixture", folder, file), "--out", "out/records.jsonl", ...flags];
  };

export const GOLDEN_CASES: GoldenCase[] = [
  {
    name: "synth-example",
    prepare: () => [
      "synth",
      "--config",
      join(ROOT, "examples/hum.yaml"),
      "--out",
      "out/instructions.jsonl",
      "--summary",
      "out/summary.json",
    ],
  },
  {
    name: "synth-generated-compound",
    prepare: generatedSynth("--dictionary", "dictionary.yaml", "--seed", "7"),
  },
  { name: "synth-generated-basic", prepare: generatedSynth("--compound-ratio", "0", "--seed", "7") },
  {
    name: "synth-generated-balanced-shuffled",
    prepare: generatedSynth(
      "--dictionary",
      "dictionary.yaml",
      "--balance-tasks",
      "--schema-order",
      "shuffled",
      "--neg-ratio",
      "0.5",
    ),
  },
  { name: "convert-conll", prepare: convert("conll/token-tag.txt") },
  { name: "convert-fewrel", prepare: convertIn("fewrel", "val.json", "--format", "fewrel") },
  { name: "convert-iepile", prepare: convert("iepile/train.json", "--format", "iepile") },
  { name: "convert-casie", prepare: convert("casie", "--format", "casie") },
  { name: "convert-phee", prepare: convert("phee.jsonl", "--format", "phee") },
];

export function fingerprint(bytes: Buffer | string): Fingerprint {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  let lines = 0;
  for (const byte of buffer) if (byte === 10) lines++;
  return { sha256: createHash("sha256").update(buffer).digest("hex"), lines, bytes: buffer.length };
}

/** The run summary without what differs between runs of the same bytes (time taken, absolute paths). */
function stableSummary(text: string): string {
  const summary = JSON.parse(text);
  delete summary.seconds;
  delete summary.outputs;
  return `${JSON.stringify(summary, null, 2)}\n`;
}

/** Runs one case in `dir` (which must be empty) and fingerprints its inputs and every file it wrote. */
export function runCase(golden: GoldenCase, dir: string, extraArgs: string[] = []): CaseOutput {
  mkdirSync(join(dir, "out"), { recursive: true });
  const args = [...golden.prepare(dir), ...extraArgs];
  const result = spawnSync(process.execPath, [HUM, ...args], { cwd: dir, encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(`hum ${args.join(" ")} exited ${result.status}: ${result.stderr || result.stdout}`);
  const output: CaseOutput = {};
  for (const input of readdirSync(dir).sort())
    if (statSync(join(dir, input)).isFile())
      output[`input/${input}`] = fingerprint(readFileSync(join(dir, input)));
  for (const name of readdirSync(join(dir, "out")).sort()) {
    const bytes = readFileSync(join(dir, "out", name));
    output[name] =
      name === "summary.json" ? fingerprint(stableSummary(bytes.toString("utf8"))) : fingerprint(bytes);
  }
  return output;
}

export function expectedPath(name: string): string {
  return join(EXPECTED_DIR, `${name}.json`);
}

export function readExpected(name: string): CaseOutput {
  return JSON.parse(readFileSync(expectedPath(name), "utf8"));
}
