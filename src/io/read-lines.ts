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
export async function* readLines(path: string): AsyncIterable<TextLine> {
  let carry: Buffer[] = [];
  let line = 0;
  const take = (bytes: Buffer): TextLine => {
    line++;
    let start = 0;
    let end = bytes.length;
    if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    if (end > start && bytes[end - 1] === 0x0d) end--;
    const content = bytes.subarray(start, end);
    const text = content.toString("utf8");
    if (!isUtf8(content)) return { line, text, invalid: NOT_UTF8 };
    if (content.includes(0)) return { line, text, invalid: NUL_BYTE };
    return { line, text };
  };
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let start = 0;
      for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
        const piece = chunk.subarray(start, newline);
        start = newline + 1;
        if (carry.length === 0) yield take(piece);
        else {
          const whole = Buffer.concat([...carry, piece]);
          carry = [];
          yield take(whole);
        }
      }
      if (start < chunk.length) carry.push(chunk.subarray(start));
    }
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(path, "read", error);
  }
  if (carry.length > 0) yield take(Buffer.concat(carry));
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
