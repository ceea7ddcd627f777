// The facts the command definitions copy (so that `--help` loads no library stage) are the library's.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as evaluation from "../eval/index.ts";
import * as exporting from "../export/index.ts";
import * as llm from "../llm/index.ts";
import { READERS } from "../readers/index.ts";
import * as tokenizer from "../tokenizer/index.ts";
import { humVersion as packageHumVersion } from "../util/index.ts";
import * as facts from "./help-facts.ts";
import { RUN_MODE } from "./llm-options.ts";
import { humVersion } from "./version.ts";

test("the readers' names are the readers' own, in order", () => {
  assert.deepEqual(
    facts.READER_NAMES,
    READERS.map((reader) => reader.name),
  );
});

test("tokenizer, LLM, evaluation and export facts are the library's", () => {
  assert.deepEqual(facts.TOKENIZER_NAMES, tokenizer.TOKENIZER_NAMES);
  assert.equal(facts.DEFAULT_TOKEN_BUDGET, tokenizer.DEFAULT_TOKEN_BUDGET);
  assert.equal(facts.DEFAULT_CACHE_PATH, llm.DEFAULT_CACHE_PATH);
  assert.deepEqual(RUN_MODE, llm.RUN_MODE);
  assert.deepEqual(facts.IEPILE_TASKS, evaluation.IEPILE_TASKS);
  assert.deepEqual(facts.TARGET_NAMES, exporting.TARGET_NAMES);
  assert.deepEqual(facts.TRAIN_CONFIGS, exporting.TRAIN_CONFIGS);
  assert.deepEqual(facts.LLAMAFACTORY_FORMATS, exporting.LLAMAFACTORY_FORMATS);
  assert.equal(facts.DEFAULT_SPLIT, exporting.DEFAULT_SPLIT);
  assert.equal(facts.PAPER_MAX_INPUT_TOKENS, exporting.PAPER_MAX_INPUT_TOKENS);
  assert.equal(facts.PAPER_MAX_OUTPUT_TOKENS, exporting.PAPER_MAX_OUTPUT_TOKENS);
});

test("the CLI's version is the package's", () => {
  assert.equal(humVersion(), packageHumVersion());
});
