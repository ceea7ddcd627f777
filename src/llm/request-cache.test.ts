import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { test } from "node:test";
import { z } from "zod";
import { canonicalJson } from "./canonical-json.ts";
import { chatCompletionBody, requestKey } from "./request-body.ts";
import { RequestCache } from "./request-cache.ts";

const messages = [{ role: "user" as const, content: "Describe the label PER." }];

test("answers survive closing and reopening, in a WAL database under new folders", () => {
  const directory = mkdtempSync(join(tmpdir(), "hum-cache-"));
  const path = join(directory, "nested", "cache.sqlite");
  try {
    const cache = new RequestCache(path);
    cache.put({
      key: "k1",
      model: "m",
      rawText: '{"a":1}',
      finishReason: "stop",
      usage: { promptTokens: 3, completionTokens: 4 },
      requestJson: "{}",
    });
    cache.close();
    const reopened = new RequestCache(path);
    assert.equal(reopened.has("k1"), true);
    assert.equal(reopened.has("k2"), false);
    assert.deepEqual(reopened.get("k1")?.usage, { promptTokens: 3, completionTokens: 4 });
    assert.equal(reopened.count(), 1);
    reopened.close();
    const database = new DatabaseSync(path);
    assert.deepEqual(
      { ...(database.prepare("PRAGMA journal_mode").get() as object) },
      { journal_mode: "wal" },
    );
    database.close();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test("canonical JSON ignores key order and undefined entries", () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } }),
    '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
  );
});

test("the key changes with model, messages, parameters, schema and prompt version", () => {
  const base = { messages, params: { temperature: 0 }, schema: z.object({ a: z.string() }) };
  const key = requestKey(chatCompletionBody("m", base), "v1");
  const variants = [
    requestKey(chatCompletionBody("other", base), "v1"),
    requestKey(chatCompletionBody("m", { ...base, messages: [{ role: "user", content: "x" }] }), "v1"),
    requestKey(chatCompletionBody("m", { ...base, params: { temperature: 0.7 } }), "v1"),
    requestKey(chatCompletionBody("m", { ...base, params: { temperature: 0, seed: 1 } }), "v1"),
    requestKey(chatCompletionBody("m", { ...base, schema: z.object({ b: z.string() }) }), "v1"),
    requestKey(chatCompletionBody("m", base), "v2"),
  ];
  assert.equal(new Set([key, ...variants]).size, variants.length + 1);
});

test("the key ignores how the answer is parsed and the caller's request id", () => {
  const plain = { messages, schema: z.object({ a: z.string() }) };
  const stricter = {
    messages,
    schema: z.object({ a: z.string().refine((text) => text.length > 3) }),
    id: "x",
  };
  assert.equal(
    requestKey(chatCompletionBody("m", plain), "v1"),
    requestKey(chatCompletionBody("m", stricter), "v1"),
  );
});
