// bin/hum.js as a user starts it: with the Node on PATH, whatever its version.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const launcher = join(root, "bin/hum.js");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };

function nodeVersion(node: string): string {
  return spawnSync(node, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim();
}

test("hum --version prints the package version", () => {
  const run = spawnSync(process.execPath, [launcher, "--version"], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), version);
});

const systemNode = "/usr/bin/node";
const oldSystemNode = existsSync(systemNode) && Number(nodeVersion(systemNode).split(".")[0]) < 22;
test("under a Node older than 22.18 the launcher reruns the command with the provisioned Node, exit code included", {
  skip: oldSystemNode ? false : "no Node older than 22.18 at /usr/bin/node on this machine",
}, () => {
  const ok = spawnSync(systemNode, [launcher, "--version"], { encoding: "utf8" });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout.trim(), version);
  const usage = spawnSync(systemNode, [launcher, "synth", "--no-such-flag"], { encoding: "utf8" });
  assert.notEqual(usage.status, 0);
  assert.match(usage.stderr, /unknown option '--no-such-flag'/);
});
