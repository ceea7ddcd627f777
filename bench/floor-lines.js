import { createReadStream } from "node:fs";

/**
 * A file's lines, a 1 MB piece at a time, with nothing of Hum's loaded: the cheapest way for a node
 * process to read JSONL, which the bench's floors use. Plain JavaScript, so a floor pays no type
 * stripping at start-up (hum runs its built JavaScript).
 */
export async function* lineBatches(path) {
  const decoder = new TextDecoder();
  let carry = "";
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const lines = (carry + decoder.decode(chunk, { stream: true })).split("\n");
    carry = lines.pop();
    yield lines;
  }
  carry += decoder.decode();
  if (carry !== "") yield [carry];
}
