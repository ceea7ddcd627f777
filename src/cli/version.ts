import { readFileSync } from "node:fs";

/**
 * Hum's version, from the repository's package.json. Read here rather than through util/index.ts, whose
 * imports `hum --version` would otherwise load (a test checks it matches util's packageVersion).
 */
export function humVersion(): string {
  const path = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}
