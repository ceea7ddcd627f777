import { closeSync, openSync, readSync, statSync } from "node:fs";

const HEAD_BYTES = 64 * 1024;

/** The first bytes of a file as text (empty for a folder), enough to recognise a format. */
export function readHead(path: string, bytes = HEAD_BYTES): string {
  if (statSync(path).isDirectory()) return "";
  const buffer = Buffer.alloc(bytes);
  const fd = openSync(path, "r");
  try {
    const size = readSync(fd, buffer, 0, bytes, 0);
    return buffer.toString("utf8", 0, size).replace(/^\uFEFF/, "");
  } finally {
    closeSync(fd);
  }
}

/** The first line of a head, without its line ending. */
export function firstLine(head: string): string {
  return head.split(/\r?\n/, 1)[0];
}

/** The non-blank lines of a head, without the last one (it may be cut off mid-line). */
export function completeLines(head: string, limit = 200): string[] {
  const lines = head.split(/\r?\n/);
  if (lines.length > 1) lines.pop();
  return lines.filter((line) => line.trim() !== "").slice(0, limit);
}
