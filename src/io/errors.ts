/**
 * Errors the command line tells apart: a usage error (the command was asked for something it cannot do;
 * its usage is printed) and a file error (a file could not be read or written; one line naming the file
 * and the reason). Anything else thrown is a bug or a data error and is printed as its message alone.
 */
export class UsageError extends Error {
  override name = "UsageError";
}

export class FileError extends Error {
  override name = "FileError";
  readonly path: string;
  readonly code: string | undefined;

  constructor(path: string, action: "read" | "write", cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(`cannot ${action} ${path}: ${describeCause(cause)}`);
    this.path = path;
    this.code = code;
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of the path is not a folder",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOENT: "no such file or folder",
  EMFILE: "too many open files",
  EIO: "input/output error",
  EEXIST: "it already exists",
};

/** The reason of a system error in words, with its code; other errors keep their message. */
export function describeCause(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  if (cause instanceof Error) return code ? `${stripPath(cause.message)} (${code})` : cause.message;
  return String(cause);
}

// Node's system error messages end with ", open '/the/path'": the path is already in our message.
function stripPath(message: string): string {
  return message.replace(/^[A-Z]+: /, "").replace(/, \w+ '[^']*'(?: -> '[^']*')?$/, "");
}

/** Bad content in a file: printed as `file:line: reason`, never with a stack or the command's usage. */
export class DataError extends Error {
  override name = "DataError";
  readonly path: string;
  readonly line: number | undefined;

  constructor(path: string, line: number | undefined, reason: string) {
    super(line === undefined ? `${path}: ${reason}` : `${path}:${line}: ${reason}`);
    this.path = path;
    this.line = line;
  }
}
