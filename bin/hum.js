#!/usr/bin/env node
// The `hum` command. Hum's sources are TypeScript run by Node's type stripping (Node >= 22.18). When the
// Node that started this file is older, the set-up has put a newer one in .tools/ (scripts/env.sh): run
// the same command with it, so `npx hum` and `bin/hum.js` work from any shell on the machine's own PATH.
import { existsSync } from "node:fs";
import module from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freshBuild } from "./built-cli.js";

const MINIMUM = [22, 18];

function isRecentEnough(version) {
  const [major, minor] = version.split(".").map(Number);
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}

async function relaunch(node) {
  // Imported here: loading node:child_process costs a run that needs no relaunch about 30 ms.
  const { spawn } = await import("node:child_process");
  const child = spawn(node, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
  // A terminal's Ctrl-C reaches the whole process group; a signal sent to this process alone is passed on.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      if (signal !== "SIGINT" || !process.stdin.isTTY) child.kill(signal);
    });
  }
  child.on("error", (error) => {
    console.error(`hum: could not start ${node}: ${error.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

if (isRecentEnough(process.versions.node)) {
  // Start-up: Node caches each module's compiled code on disk, keyed by the source's content, so later
  // runs skip compiling. NODE_COMPILE_CACHE picks the folder (default: the OS temp dir);
  // NODE_DISABLE_COMPILE_CACHE=1 turns it off. The JavaScript built at set-up (scripts/build.ts) runs
  // while it matches the .ts sources, which run otherwise; HUM_FROM_SOURCES=1 runs them regardless.
  module.enableCompileCache?.();
  const built = process.env.HUM_FROM_SOURCES === "1" ? null : freshBuild(root);
  const { main } = await import(built ?? "../src/cli/index.ts");
  await main(process.argv);
} else {
  const provisioned = join(root, ".tools", "node_modules", ".bin", "node");
  if (!existsSync(provisioned)) {
    console.error(
      `hum: needs Node.js >= ${MINIMUM.join(".")} (this is ${process.versions.node}); ` +
        "run `bash scripts/quickstart.sh` once to install one into .tools/",
    );
    process.exit(1);
  }
  await relaunch(provisioned);
}
