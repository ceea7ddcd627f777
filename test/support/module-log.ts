// A preload for tests: `node --import ./test/support/module-log.ts …` appends the URL of every module the
// process loads (node: built-ins, packages, our files) to the file named by HUM_MODULE_LOG, one a line,
// when the process exits. Nothing else changes.
import { appendFileSync } from "node:fs";
import { registerHooks } from "node:module";

const log = process.env.HUM_MODULE_LOG;
const loaded: string[] = [];
registerHooks({
  load(url, context, nextLoad) {
    loaded.push(url);
    return nextLoad(url, context);
  },
});
process.on("exit", () => {
  if (log) appendFileSync(log, `${loaded.join("\n")}\n`);
});
