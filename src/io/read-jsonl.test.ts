import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { z } from "zod";
import {
  DataError,
  FileError,
  linesOf,
  readJsonl,
  readJsonlItems,
  readLines,
  readTextFile,
} from "./index.ts";

const scratch = () => mkdtempSync(join(tmpdir(), "hum-read-"));

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

test("lines: LF and CRLF endings, byte-order mark, last line without newline", async () => {
  const path = join(scratch(), "a.txt");
  writeFileSync(path, "\uFEFFfirst\r\nsecond\n\nlast");
  assert.deepEqual(await collect(readLines(path)), [
    { line: 1, text: "first" },
    { line: 2, text: "second" },
    { line: 3, text: "" },
    { line: 4, text: "last" },
  ]);
});

test("lines longer than the read buffer are whole, multi-byte characters across chunks intact", async () => {
  const path = join(scratch(), "long.txt");
  const long = "é".repeat(1_500_000);
  writeFileSync(path, `${long}\nshort\n`);
  const lines = await collect(readLines(path));
  assert.equal(lines.length, 2);
  assert.equal(lines[0]!.text, long);
  assert.equal(lines[0]!.invalid, undefined);
  assert.equal(lines[1]!.text, "short");
  writeFileSync(path, `${long}\n`);
  assert.deepEqual(
    (await collect(readLines(path))).map((line) => line.text.length),
    [long.length],
  );
});

test("a piece's lines are whole whatever their lengths, short ones or past what is decoded at once", () => {
  // Lines of so many bytes, about the 32 KB decoded at once: CRLF ones, empty ones, long ones.
  const lines: string[] = [];
  for (const bytes of [5, 32_766, 32_767, 32_768, 0, 70_000, 3, 16_383, 16_384, 40_000, 0, 0, 11]) {
    const text = `${"漢".repeat(bytes / 3)}${"x".repeat(bytes % 3)}`;
    lines.push(bytes % 2 === 0 ? `${text}\r` : text);
  }
  for (let i = 0; i < 3000; i++) lines.push(`{"id":"n${i}","text":"é ${i}"}`);
  const text = lines.join("\n");
  const expected = lines.map((raw, i) => ({ line: 7 + i, text: raw.replace(/\r$/, "") }));
  assert.deepEqual(linesOf(Buffer.from(text), 7), expected);
  assert.deepEqual(linesOf(Buffer.from(`${text}\n`), 7), expected);
});

test("bytes that are not UTF-8, and NUL bytes, flag their line and only it", async () => {
  const path = join(scratch(), "bad.jsonl");
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from('{"a":1}\n{"text":"caf'),
      Buffer.from([0xe9]), // Latin-1 é
      Buffer.from('"}\n{"text":"a\\u0000b"}\n{"text":"nul'),
      Buffer.from([0]),
      Buffer.from('"}\n{"a":2}\n'),
    ]),
  );
  const items = await collect(readJsonlItems(path));
  assert.deepEqual(
    items.map((item) => (item.ok ? item.value : item.reason)),
    [
      { a: 1 },
      "encoding: the line is not valid UTF-8",
      { text: "a\u0000b" }, // an escaped \u0000 is JSON's business, not a raw NUL byte
      "encoding: the line holds a NUL byte",
      { a: 2 },
    ],
  );
});

test("readJsonl checks each line against its schema and stops at the first bad one with file:line:reason", async () => {
  const path = join(scratch(), "predictions.jsonl");
  writeFileSync(path, '{"id":"a","output":"x"}\n\n{"id":"b","output":7}\n');
  const schema = z.object({ id: z.string(), output: z.string() });
  const seen: string[] = [];
  await assert.rejects(
    async () => {
      for await (const { value } of readJsonl(path, schema)) seen.push(value.id);
    },
    (error: Error) => {
      assert.ok(error instanceof DataError);
      assert.match(error.message, new RegExp(`^${path}:3: output: .*expected string`, "i"));
      return true;
    },
  );
  assert.deepEqual(seen, ["a"]);
  writeFileSync(path, "{not json\n");
  await assert.rejects(collect(readJsonl(path)), new RegExp(`${path}:1: not JSON: `));
});

test("a missing file or a folder is a FileError naming it", async () => {
  const dir = scratch();
  await assert.rejects(
    collect(readLines(join(dir, "none.jsonl"))),
    /cannot read .*none\.jsonl: no such file or folder \(ENOENT\)/,
  );
  await assert.rejects(
    collect(readLines(dir)),
    (error: Error) => error instanceof FileError && /EISDIR/.test(error.message),
  );
  assert.throws(() => readTextFile(join(dir, "none.yaml")), /cannot read .*none\.yaml/);
  writeFileSync(join(dir, "bad.yaml"), Buffer.from([0x61, 0xff]));
  assert.throws(
    () => readTextFile(join(dir, "bad.yaml")),
    /bad\.yaml: encoding: the file is not valid UTF-8/,
  );
});

test("lines are the same whatever the read chunk size (property)", async () => {
  const dir = scratch();
  const piece = fc.constantFrom("a", "é", "漢", "😀", "\n", "\r\n", " ", "{", '"');
  await fc.assert(
    fc.asyncProperty(
      fc.array(piece, { maxLength: 60 }),
      fc.integer({ min: 1, max: 9 }),
      async (pieces, chunkBytes) => {
        const text = pieces.join("");
        const path = join(dir, "p.txt");
        writeFileSync(path, text);
        const expected =
          text === ""
            ? []
            : text
                .replace(/\n$/, "")
                .split("\n")
                .map((l) => l.replace(/\r$/, ""));
        const lines = await collect(readLines(path, { chunkBytes }));
        assert.deepEqual(
          lines.map((line) => line.text),
          expected,
        );
        assert.ok(lines.every((line, index) => line.line === index + 1 && line.invalid === undefined));
      },
    ),
    { numRuns: 300 },
  );
});
