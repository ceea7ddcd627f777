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
  for await (const lines of readLineBatches(path, options)) yield* lines;
}

/**
 * The same lines as `readLines`, a piece of the file at a time: a reader that loops over each batch
 * itself waits once per piece instead of once per line, which counts at millions of lines.
 */
export async function* readLineBatches(
  path: string,
  options: { chunkBytes?: number } = {},
): AsyncIterable<TextLine[]> {
  for await (const { firstLine, bytes } of linePieces(path, options)) yield linesOf(bytes, firstLine);
}

/** Bytes of whole lines of a file, and the number of the first (see `linePieces`). */
export interface LinePiece {
  firstLine: number;
  bytes: Buffer;
}

/**
 * A file's whole lines as raw bytes, a piece at a time: each piece ends at an LF (the last one at the
 * end of the file, perhaps without), holds at most `maxLines` lines, and is read `chunkBytes` at a
 * time (default 1 MB). Decode and check a piece with `linesOf`. A piece may share memory with the read
 * buffer: copy it to keep or send it.
 */
export async function* linePieces(
  path: string,
  options: { chunkBytes?: number; maxLines?: number } = {},
): AsyncIterable<LinePiece> {
  const maxLines = options.maxLines ?? Number.POSITIVE_INFINITY;
  let carry: Buffer[] = [];
  let nextLine = 1;
  const piece = (tail: Buffer): LinePiece => {
    const bytes = carry.length === 0 ? tail : Buffer.concat([...carry, tail]);
    carry = [];
    return { firstLine: nextLine, bytes };
  };
  try {
    for await (const chunk of createReadStream(path, {
      highWaterMark: options.chunkBytes ?? 1 << 20,
    }) as AsyncIterable<Buffer>) {
      let start = 0;
      let lines = 0;
      for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, newline + 1)) {
        if (++lines < maxLines) continue;
        yield piece(chunk.subarray(start, newline + 1));
        nextLine += lines;
        lines = 0;
        start = newline + 1;
      }
      if (lines > 0) {
        const end = chunk.lastIndexOf(0x0a) + 1;
        yield piece(chunk.subarray(start, end));
        nextLine += lines;
        start = end;
      }
      if (start < chunk.length) carry.push(chunk.subarray(start));
    }
  } catch (error) {
    throw new FileError(path, "read", error);
  }
  // The last line, without a line end.
  if (carry.length > 0) yield piece(Buffer.alloc(0));
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
 * Bytes of whole lines decoded into one string at most (a longer line is one string alone). The lines
 * are slices of that string, which lives as long as any of them. Past V8's large-object size (128 KB;
 * this is 64 KB at most, two bytes a character) a string is promoted to the old generation as soon as
 * a young-generation collection finds it alive: the batch being read at each one stayed until the next
 * full collection.
 */
const DECODE_BYTES = 32 << 10;

/**
 * Put before each decoded text, and sliced off its first line, so that the text is two-byte. V8's
 * JSON.parse interns every string value shorter than 10 characters when the text it parses is one-byte
 * (ids like "n1234567"); interned strings are old-generation objects that only a full collection
 * frees, so the unique ones piled up by the tens of MB between two. From a two-byte text it interns
 * keys only; the values it gives are the same strings, and the lines the same to any reader.
 */
const TWO_BYTE = "\u0100";

/** Where the string decoded from `start` ends: at the last LF within `DECODE_BYTES`, or the end. */
function decodeEnd(bytes: Buffer, start: number): number {
  if (bytes.length - start <= DECODE_BYTES) return bytes.length;
  const last = bytes.lastIndexOf(0x0a, start + DECODE_BYTES);
  if (last >= start) return last;
  const next = bytes.indexOf(0x0a, start + DECODE_BYTES);
  return next === -1 ? bytes.length : next;
}

/** The LF-separated texts of checked UTF-8 bytes [start, end), slices of one two-byte string. */
function decodedTexts(bytes: Buffer, start: number, end: number): string[] {
  const texts = (TWO_BYTE + bytes.toString("utf8", start, end)).split("\n");
  texts[0] = texts[0].slice(TWO_BYTE.length);
  return texts;
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
    for (let start = 0; ; ) {
      const cut = decodeEnd(whole, start);
      for (const raw of decodedTexts(whole, start, cut))
        lines.push({ line: line++, text: raw.endsWith("\r") ? raw.slice(0, -1) : raw });
      if (cut === whole.length) return lines;
      start = cut + 1;
    }
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
