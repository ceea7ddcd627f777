import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "..", "src");

// Every `from "…"`, `import("…")` and bare `import "…"` specifier in a module's text.
const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)"([^"]+)"/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** The src/ folder a path lies in ("" for src/ itself), or undefined outside src/. */
function folderOf(path: string): string | undefined {
  const rel = relative(SRC, path);
  if (rel.startsWith("..")) return undefined;
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0] : "";
}

/** The imports in `text` (a module at `path`) that reach past another src/ folder's index.ts. */
export function frontDoorViolations(path: string, text: string): string[] {
  const own = folderOf(path);
  const found: string[] = [];
  for (const [, specifier] of text.matchAll(SPECIFIER)) {
    if (!specifier.startsWith(".")) continue;
    const target = resolve(dirname(path), specifier);
    const folder = folderOf(target);
    if (folder === undefined || folder === "" || folder === own) continue;
    if (relative(join(SRC, folder), target) !== "index.ts") {
      found.push(`${relative(SRC, path)} imports ${specifier}: use ${folder}/index.ts`);
    }
  }
  return found;
}

test("every src/ folder has an index.ts, its public surface", () => {
  const folders = readdirSync(SRC, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  const missing = folders.filter((folder) => !sourceFiles(join(SRC, folder.name)).some(isIndex(folder.name)));
  assert.deepEqual(
    missing.map((folder) => folder.name),
    [],
  );
});

function isIndex(folder: string) {
  return (path: string) => path === join(SRC, folder, "index.ts");
}

test("src/ modules import other folders only through their index.ts", () => {
  const violations = sourceFiles(SRC).flatMap((path) =>
    frontDoorViolations(path, readFileSync(path, "utf8")),
  );
  assert.deepEqual(violations, []);
});

test("the front-door check catches a reach into another folder's internals", () => {
  const path = join(SRC, "cli", "synth.ts");
  assert.deepEqual(frontDoorViolations(path, 'import { x } from "../synth/basic.ts";'), [
    "cli/synth.ts imports ../synth/basic.ts: use synth/index.ts",
  ]);
  assert.deepEqual(frontDoorViolations(path, 'const m = await import("../records/record.ts");').length, 1);
  assert.deepEqual(
    frontDoorViolations(join(SRC, "index.ts"), 'export { y } from "./synth/pipeline.ts";').length,
    1,
  );
  // Allowed: a folder's own files, another folder's index.ts, packages.
  assert.deepEqual(frontDoorViolations(path, 'import { y } from "./option-parsers.ts";'), []);
  assert.deepEqual(frontDoorViolations(path, 'import { z } from "../synth/index.ts";'), []);
  assert.deepEqual(frontDoorViolations(path, 'import { parse } from "yaml";'), []);
});
