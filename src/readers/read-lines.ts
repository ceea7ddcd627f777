import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/**
 * The lines of a text file, streamed, 1-based, without their line ending (LF or CRLF) and with a
 * leading byte-order mark removed.
 */
export async function* readLines(path: string): AsyncIterable<{ line: number; text: string }> {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  let line = 0;
  for await (const raw of lines) {
    line++;
    const text = line === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    yield { line, text: text.endsWith("\r") ? text.slice(0, -1) : text };
  }
}
