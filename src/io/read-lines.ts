import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { FileError } from "./errors.ts";

/**
 * One line of a text file, 1-based, without its line ending (LF or CRLF) or a leading byte-order mark.
 * `invalid` says why a line cannot be trusted (bytes that are not UTF-8, a NUL byte); its `text` then
 * holds the bytes decoded with replacement characters, for the rejects file only.
 */
export interface TextLine {
  line: number;
  text: string;
  invalid?: string;
}

const NOT_UTF8 = "encoding: the line is not valid UTF-8";
const NUL_BYTE = "encoding: the line holds a NUL byte";

/**
 * The lines of a text file, streamed, each checked to be valid UTF-8 without NUL bytes. Decoding is
 * never lenient: a line with bad bytes is flagged, not silently repaired. A file that cannot be opened
 * or read throws a FileError naming it.
 */
export async function* readLines(
  path: string,
  options: { chunkBytes?: number } = {},
): AsyncIterable<TextLine> {
  let carry: Buffer[] = [];
  let line = 0;
  const take = (bytes: Buffer): TextLine => textLine(bytes, ++line);
  try {
    for await (const chunk of createReadStream(path, {
      highWaterMark: options.chunkBytes ?? 1 << 20,
    }) as AsyncIterable<Buffer>) {
      const lastNewline = chunk.lastIndexOf(0x0a);
      if (lastNewline === -1) {
        carry.push(chunk);
        continue;
      }
      let start = 0;
      if (carry.length > 0) {
        const first = chunk.indexOf(0x0a);
        yield take(Buffer.concat([...carry, chunk.subarray(0, first)]));
        carry = [];
        start = first + 1;
      }
      const complete = chunk.subarray(start, lastNewline);
      if (start > lastNewline) {
        // The chunk's only newline ended the carried line.
      } else if (line > 0 && isUtf8(complete) && !complete.includes(0)) {
        // The common case: one check and one decode for the whole piece, then split in JavaScript.
        for (const raw of complete.toString("utf8").split("\n")) {
          line++;
          yield { line, text: raw.endsWith("\r") ? raw.slice(0, -1) : raw };
        }
      } else {
        for (let newline = chunk.indexOf(0x0a, start); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
          yield take(chunk.subarray(start, newline));
          start = newline + 1;
        }
      }
      if (lastNewline + 1 < chunk.length) carry.push(chunk.subarray(lastNewline + 1));
    }
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(path, "read", error);
  }
  if (carry.length > 0) yield take(Buffer.concat(carry));
}

/** One line's bytes (without its LF) as a checked line: the byte-order mark dropped from line 1, a CR from the end. */
function textLine(bytes: Buffer, line: number): TextLine {
  let start = 0;
  let end = bytes.length;
  if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  if (end > start && bytes[end - 1] === 0x0d) end--;
  const content = bytes.subarray(start, end);
  const text = content.toString("utf8");
  if (!isUtf8(content)) return { line, text, invalid: NOT_UTF8 };
  if (content.includes(0)) return { line, text, invalid: NUL_BYTE };
  return { line, text };
}

/**
 * The lines of a piece of a file that starts a line (numbered `firstLine`) and ends one (at an LF, or
 * at the end of the file): the same lines `readLines` gives for those bytes. Lets a worker thread
 * decode and check the lines another thread read.
 */
export function linesOf(bytes: Buffer, firstLine: number): TextLine[] {
  const lines: TextLine[] = [];
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0a ? bytes.length - 1 : bytes.length;
  if (bytes.length === 0) return lines;
  let line = firstLine;
  const whole = bytes.subarray(0, end);
  if (firstLine > 1 && isUtf8(whole) && !whole.includes(0)) {
    for (const raw of whole.toString("utf8").split("\n"))
      lines.push({ line: line++, text: raw.endsWith("\r") ? raw.slice(0, -1) : raw });
    return lines;
  }
  let start = 0;
  for (let newline = whole.indexOf(0x0a); newline !== -1; newline = whole.indexOf(0x0a, start)) {
    lines.push(textLine(whole.subarray(start, newline), line++));
    start = newline + 1;
  }
  lines.push(textLine(whole.subarray(start), line));
  return lines;
}

/**
 * Why a whole text (a JSON or YAML file read at once) cannot be trusted, or null: the same checks as
 * for lines, for readers that parse a file in one piece.
 */
export function invalidText(bytes: Uint8Array): string | null {
  if (!isUtf8(bytes)) return "encoding: the file is not valid UTF-8";
  if (bytes.includes(0)) return "encoding: the file holds a NUL byte";
  return null;
}
