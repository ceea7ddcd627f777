import { readFileSync } from "node:fs";
import { DataError, FileError } from "./errors.ts";
import { invalidText } from "./read-lines.ts";

/**
 * A whole small text file (a config, a dictionary, a schema), checked to be UTF-8 without NUL bytes,
 * with a leading byte-order mark removed. Throws a FileError or DataError naming the file.
 */
export function readTextFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new FileError(path, "read", error);
  }
  const invalid = invalidText(bytes);
  if (invalid) throw new DataError(path, undefined, invalid);
  return bytes.toString("utf8").replace(/^\uFEFF/, "");
}
