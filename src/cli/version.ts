import { readFileSync } from "node:fs";

/** Hum's version, as package.json states it. */
export function humVersion(): string {
  const packageFile = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(packageFile, "utf8")) as { version: string }).version;
}
