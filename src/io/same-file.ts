import { existsSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "./errors.ts";

/**
 * Refuses, before anything is opened, an output that is one of the inputs (the same file after
 * resolving symbolic links, or a hard link to it): writing it would destroy the data being read.
 */
export function refuseOutputOverInput(
  outputs: readonly (string | undefined)[],
  inputs: readonly (string | undefined)[],
): void {
  for (const output of outputs) {
    if (output === undefined) continue;
    for (const input of inputs) {
      if (input !== undefined && sameFile(output, input))
        throw new UsageError(`the output ${output} is the input ${input}: choose another output file`);
    }
  }
}

/** Whether two paths name the same file (links resolved); a path that does not exist yet is compared by name. */
export function sameFile(a: string, b: string): boolean {
  if (existsSync(a) && existsSync(b)) {
    const [first, second] = [statSync(a), statSync(b)];
    return first.dev === second.dev && first.ino === second.ino;
  }
  return canonicalPath(a) === canonicalPath(b);
}

function canonicalPath(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(canonicalPath(parent), basename(absolute));
}
