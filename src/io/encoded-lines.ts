/**
 * Lines as UTF-8 bytes, each followed by a newline, in memory of their own: a worker thread encodes what
 * it rendered and transfers the bytes to the writing thread, which copies them to the file as they are.
 * Encoding there, line by line, spares both the joined string a thread would otherwise send (its
 * flattening was most of the cost) and the writing thread's own encoding of it.
 */
export function encodeLines(lines: readonly string[]): Uint8Array<ArrayBuffer> {
  let units = 0;
  for (const line of lines) units += line.length + 1;
  // Room for ASCII text as it is; anything wider grows the buffer as it is met.
  let buffer = Buffer.allocUnsafeSlow(units + SLACK);
  let used = 0;
  for (const line of lines) {
    // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair: 4 for 2 units), plus the newline.
    const most = line.length * 3 + 1;
    if (used + most > buffer.length) buffer = grown(buffer, used, used + most);
    used += buffer.write(line, used, "utf8");
    buffer[used++] = 0x0a;
  }
  return buffer.subarray(0, used);
}

/** The text of encoded lines, one string a line, without their newlines. */
export function decodeLines(bytes: Uint8Array): string[] {
  if (bytes.length === 0) return [];
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("utf8", 0, bytes.length - 1)
    .split("\n");
}

const SLACK = 64 << 10;

function grown(buffer: Buffer<ArrayBuffer>, used: number, needed: number): Buffer<ArrayBuffer> {
  const bigger = Buffer.allocUnsafeSlow(Math.max(needed, 2 * buffer.length));
  buffer.copy(bigger, 0, 0, used);
  return bigger;
}
