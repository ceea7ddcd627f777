import assert from "node:assert/strict";
import { test } from "node:test";
import { joinTokens, tokenSpan } from "./token-text.ts";

test("tokens joined by single spaces by default (IEPile-compatible), blank tokens adding nothing", () => {
  assert.equal(joinTokens(["He", " ", "said", '"', "hi", '"', "."]).text, 'He said " hi " .');
});

test("detokenised: straight quotes open and close in turn, and token offsets follow the text", () => {
  const tokens = joinTokens(["He", "said", '"', "hi", "there", '"', "-LSB-", "sic", "-RSB-", "."], {
    detokenize: true,
  });
  assert.equal(tokens.text, 'He said "hi there" [sic].');
  assert.equal(tokenSpan(tokens, 3, 4)?.text, "hi there");
  assert.equal(tokenSpan(tokens, 6, 8)?.text, "[sic]");
});
