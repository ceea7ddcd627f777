import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { FileError } from "./errors.ts";

/**
 * Appends values as JSON lines in one write (logs that grow across runs, such as the failed-requests
 * file). Unlike outputs, a log is never replaced, so it is appended to in place.
 */
export function appendJsonLines(path: string, values: readonly unknown[]): void {
  const text = values.map((value) => `${JSON.stringify(value)}\n`).join("");
  try {
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, text);
  } catch (error) {
    throw new FileError(path, "write", error);
  }
}
