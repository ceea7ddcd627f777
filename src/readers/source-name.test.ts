import assert from "node:assert/strict";
import { test } from "node:test";
import { sourceName } from "./source-name.ts";

test("a source comes from the file, not only its folder: files of one family keep their label universes apart", () => {
  const name = (path: string, fallback = "x") => sourceName(path, {}, fallback);
  // Split words (train, dev, val, base, annotation) and numbers add nothing.
  assert.equal(name("data/crossner/ai/dev.txt"), "crossner_ai");
  assert.equal(name("data/fewrel/val_wiki.json"), "fewrel");
  assert.equal(name("data/fewrel/train_wiki.json"), "fewrel");
  assert.equal(name("data/fewfc/dev_base.json"), "fewfc");
  assert.equal(name("data/casie/annotation"), "casie");
  assert.equal(name("data/casie/annotation/12.json"), "casie");
  assert.equal(name("data/cmrc2018/cmrc2018_dev.json"), "cmrc2018");
  assert.equal(name("data/scierc/relation/dev.txt"), "scierc");
  assert.equal(name("data/c3/c3-m-dev.json"), "c3");
  // What a file adds beyond its split makes a source of its own.
  assert.equal(name("data/fewrel/val_pubmed.json"), "fewrel_pubmed");
  assert.equal(name("data/fewrel/val_nyt.json"), "fewrel_nyt");
  assert.equal(name("data/ade/DRUG-AE.rel"), "ade");
  assert.equal(name("data/ade/DRUG-DOSE.rel"), "ade_dose");
  assert.equal(name("elsewhere/DRUG-DOSE.rel"), "ade_dose");
  assert.equal(name("data/mit_movie/engtrain.bio"), "mit_movie_eng");
  assert.equal(name("data/mit_movie/trivia10k13train.bio"), "mit_movie");
  // Outside a known folder: the reader's fallback, with what the file name adds.
  assert.equal(name("tmp/val_semeval.json", "fewrel"), "fewrel_semeval");
  assert.equal(name("tmp/dev.json", "phee"), "phee");
  assert.equal(name("tmp/my-corpus.txt", "my-corpus"), "my-corpus");
  // Given, it wins: that is how files are merged on purpose.
  assert.equal(sourceName("data/fewrel/val_pubmed.json", { source: "fewrel" }, "x"), "fewrel");
});
