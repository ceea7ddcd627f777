// Builds the CLI at set-up: `node scripts/build.ts [--if-stale] [--out <dir>]` bundles src/cli/index.ts
// and its packages into JavaScript under .build/ (esbuild, one entry plus chunks that each command loads
// when it runs). bin/hum.js runs it only while its manifest matches the sources (bin/built-cli.js), so the
// .ts files stay the truth. See docs/performance.md, start-up.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build, type Plugin } from "esbuild";
import { BUILD_DIR, freshBuild, inputStamp, MANIFEST } from "../bin/built-cli.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/** What the build starts from: the CLI, and the synthesis worker that worker threads run. */
const ENTRIES: Record<string, string> = {
  hum: "src/cli/index.ts",
  "synth-worker": "src/synth/synth-worker.ts",
};

/** Inputs outside the bundle that still decide it: the installed packages and this script. */
const EXTRA_INPUTS = ["node_modules/.package-lock.json", "scripts/build.ts"];

/**
 * Modules find files beside them (prompts, page assets, package.json) through `import.meta.url`. In a
 * bundle that would be the chunk's URL, so each module's own URL is put back: the source file's, relative
 * to the output folder, so the build still works wherever the tree is moved. A URL naming another entry
 * (the worker threads' script) names that entry's built file instead.
 */
function sourceUrls(outDir: string): Plugin {
  const entries = new Map(Object.entries(ENTRIES).map(([name, path]) => [join(root, path), `./${name}.js`]));
  return {
    name: "source-urls",
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = readFileSync(args.path, "utf8");
        if (!text.includes("import.meta.url")) return undefined;
        const url = relative(outDir, args.path).split(sep).join("/");
        const own = `new URL(${JSON.stringify(url)}, import.meta.url).href`;
        const contents = text.replace(
          /new URL\("(\.[^"]+)", import\.meta\.url\)|import\.meta\.url/g,
          (_match, specifier: string | undefined) => {
            if (specifier === undefined) return own;
            const built = entries.get(join(dirname(args.path), specifier));
            return built
              ? `new URL(${JSON.stringify(built)}, import.meta.url)`
              : `new URL("${specifier}", ${own})`;
          },
        );
        return { contents, loader: "ts" };
      });
    },
  };
}

/**
 * Zod's namespace re-exports every locale's messages (`z.locales`, 350 KB), which a bundle cannot leave
 * out because `z` is used as a whole. Hum reads zod's English messages only (set by zod itself), so
 * the namespace is an empty module here: every run loads a third less code.
 */
function withoutZodLocales(): Plugin {
  return {
    name: "without-zod-locales",
    setup(builder) {
      builder.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        args.importer.includes(`${sep}zod${sep}`) ? { path: "zod-locales", namespace: "empty" } : undefined,
      );
      builder.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export {};", loader: "js" }));
    },
  };
}

/** Size and time of every source file and extra input now, before bundling: an edit during the build makes it stale. */
function stampSources(): Map<string, [number, number]> {
  const stamps = new Map<string, [number, number]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith(".ts")) stamps.set(path, inputStamp(join(root, path)));
    }
  };
  walk("src");
  for (const path of EXTRA_INPUTS)
    if (existsSync(join(root, path))) stamps.set(path, inputStamp(join(root, path)));
  return stamps;
}

async function buildCli(outDir: string): Promise<void> {
  const stamps = stampSources();
  mkdirSync(outDir, { recursive: true });
  const temp = mkdtempSync(join(outDir, ".tmp-"));
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: ENTRIES,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node22",
      outdir: temp,
      entryNames: "[name]",
      chunkNames: "chunk-[hash]",
      // CommonJS packages (commander) require Node's modules; an ES module has no `require` of its own.
      banner: {
        js: 'import { createRequire as __humCreateRequire } from "node:module"; const require = __humCreateRequire(import.meta.url);',
      },
      plugins: [sourceUrls(outDir), withoutZodLocales()],
      metafile: true,
      logLevel: "warning",
    });
    const outputs = Object.keys(result.metafile.outputs).map((path) => relative(temp, join(root, path)));
    // Chunks have content-hashed names: one already there holds the same bytes, and a running hum may be
    // reading it. Entries are replaced, each in one step.
    for (const name of outputs)
      if (name.startsWith("chunk-") && existsSync(join(outDir, name))) continue;
      else renameSync(join(temp, name), join(outDir, name));
    const inputs = Object.keys(result.metafile.inputs).filter(
      (path) => !path.startsWith("node_modules/") && !path.startsWith("empty:"),
    );
    const missing = inputs.filter((path) => !stamps.has(path));
    if (missing.length > 0) throw new Error(`bundled files outside src/: ${missing.join(", ")}`);
    const manifest = {
      entry: "hum.js",
      inputs: Object.fromEntries(
        [...inputs, ...EXTRA_INPUTS]
          .filter((path) => stamps.has(path))
          .map((path) => [path, stamps.get(path)]),
      ),
    };
    const manifestTemp = join(temp, MANIFEST);
    writeFileSync(manifestTemp, `${JSON.stringify(manifest)}\n`);
    renameSync(manifestTemp, join(outDir, MANIFEST));
    // Earlier builds' files are no longer named by the manifest.
    const kept = new Set([MANIFEST, ...outputs]);
    for (const name of readdirSync(outDir))
      if (!kept.has(name) && name.endsWith(".js")) rmSync(join(outDir, name), { force: true });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

const { values } = parseArgs({ options: { out: { type: "string" }, "if-stale": { type: "boolean" } } });
const outDir = resolve(values.out ?? join(root, BUILD_DIR));
// Bare package names resolved at run time (chart.js's files, the Qwen tokenizer) are looked up from the
// built files' folder upwards: it must lie inside the repository, above its node_modules.
if (relative(root, outDir).startsWith("..")) throw new Error(`--out must be inside ${root}`);
if (!(values["if-stale"] && freshBuild(root, outDir))) await buildCli(outDir);
