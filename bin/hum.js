#!/usr/bin/env node
import module from "node:module";

// Start-up: Node caches each module's compiled code (TypeScript already stripped) on disk, keyed by the
// source's content, so the .ts files stay the truth and a second run skips stripping and compiling.
// NODE_COMPILE_CACHE picks the folder (default: the OS temp dir); NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();
const { main } = await import("../src/cli/main.ts");

await main(process.argv);
