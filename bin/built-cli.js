// The built CLI: JavaScript that scripts/build.ts bundles from the .ts sources at set-up, into .build/.
// It is used only while it still matches them: its manifest records the size and modification time of
// every file it was built from, and one file that differs (edited, replaced, deleted) makes it stale, so
// the sources run instead and an edited .ts file always wins.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const BUILD_DIR = ".build";
export const MANIFEST = "manifest.json";

/** The built CLI's entry as a file URL, or null when there is none or it no longer matches its inputs. */
export function freshBuild(root, dir = join(root, BUILD_DIR)) {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8"));
    for (const [path, [mtimeMs, size]] of Object.entries(manifest.inputs)) {
      const stat = statSync(join(root, path), { throwIfNoEntry: false });
      if (!stat || stat.mtimeMs !== mtimeMs || stat.size !== size) return null;
    }
    return pathToFileURL(join(dir, manifest.entry)).href;
  } catch {
    // No manifest yet, or one this version cannot read: the sources are always right.
    return null;
  }
}

/** What the manifest records of an input file. */
export function inputStamp(path) {
  const stat = statSync(path);
  return [stat.mtimeMs, stat.size];
}
