import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { browserMissing, launchBrowser } from "../../test/support/browser.ts";
import { humInProcess } from "../../test/support/hum-in-process.ts";
import { FIXTURE_RULES, reviewFixture } from "../../test/support/review-fixture.ts";
import { loadDictionary } from "../dictionary/index.ts";
import { openReview, serveReview } from "./index.ts";

const EDITED = "A place: a city, a country, a region or a building.";

test("a reviewer accepts, edits and rejects in the browser; synth --reviewed-only uses exactly what was accepted", {
  skip: browserMissing(),
}, async (t) => {
  const fixture = reviewFixture();
  const store = await openReview(
    {
      dictionaries: [fixture.dictionary],
      rules: [fixture.rules],
      items: [fixture.subjects],
      inputs: [{ path: fixture.entities }],
    },
    { reviewer: "grace" },
  );
  const running = await serveReview(store);
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await running.close();
  });
  const page = await browser.context.newPage();
  await page.goto(running.url);
  await page.waitForSelector("body[data-ready]");
  const total = store.items().length;
  await page.getByText(`0 of ${total} reviewed`).waitFor();

  const row = (title: string) =>
    page.locator(".row", { has: page.locator(".title", { hasText: new RegExp(`^${title}$`) }) });
  const saved = (title: string) => page.locator(".toast", { hasText: `${title}:` }).waitFor();
  await page.selectOption("#filter-source", "example_news");

  // Accept with the keyboard.
  await row("person").click();
  await page.keyboard.press("a");
  await saved("person");
  // Edit: e opens the form, Ctrl+Enter saves it.
  await row("location").click();
  await page.keyboard.press("e");
  await page.fill("textarea[name=descriptions]", EDITED);
  await page.keyboard.press("Control+Enter");
  await saved("location");
  // Reject with a note, by button.
  await row("money").click();
  await page.fill("#note", "too vague to guide anyone");
  await page.click("#reject");
  await saved("money");

  // Rules: the original and the new label side by side; accept one, reject the other.
  await page.selectOption("#filter-kind", "rule");
  await row("person · numerical").click();
  assert.match(await page.locator(".side").innerText(), /Charles Babbage[\s\S]*Give only the first person/);
  await page.keyboard.press("a");
  await saved("person · numerical");
  await row("organization · entity boundaries").click();
  await page.keyboard.press("r");
  await saved("organization · entity boundaries");

  // A GLAN item.
  await page.selectOption("#filter-kind", "glan");
  await page.selectOption("#filter-source", "");
  await row("Linear algebra").click();
  await page.keyboard.press("a");
  await saved("Linear algebra");

  await page.getByText(`6 of ${total} reviewed`).waitFor();
  assert.deepEqual(browser.errors, []);

  // The files on disk hold the decisions.
  const news = loadDictionary(fixture.dictionary).sources.example_news.labels;
  assert.equal(news.person.review?.decision, "accepted");
  assert.equal(news.person.review?.by, "grace");
  assert.deepEqual(news.location.descriptions, [EDITED]);
  assert.equal(news.location.review?.decision, "edited");
  assert.equal(news.money.review?.decision, "rejected");
  assert.equal(news.money.review?.note, "too vague to guide anyone");
  assert.equal(news.money.reviewed, false);
  const rules = readFileSync(fixture.rules, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    rules.map((r) => [r.reviewed, r.review.decision]),
    [
      [true, "accepted"],
      [false, "rejected"],
    ],
  );
  const subject = JSON.parse(readFileSync(fixture.subjects, "utf8").split("\n")[0]);
  assert.equal(subject.review.decision, "accepted");

  // Synthesis with --reviewed-only: every instruction compound with guidelines, rules where they apply.
  const config = join(fixture.dir, "hum.yaml");
  writeFileSync(
    config,
    [
      `inputs: [${JSON.stringify(fixture.entities)}]`,
      "out: out.jsonl",
      "dictionary: dictionary.yaml",
      "rules: rules.jsonl",
      "compound_ratio: 1",
      "strategy_shares: {guidelines: 1, rules: 1, format: 0}",
      "guidelines: {mask_rate: 0, synonym_rate: 0, max_examples: 2}",
      "",
    ].join("\n"),
  );
  await humInProcess("synth", "--config", config, "--reviewed-only");
  const instructions = readFileSync(join(fixture.dir, "out.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line).instruction as string);
  const used = (sentence: string) =>
    instructions.some((i) => i.includes(sentence) || i.includes(JSON.stringify(sentence).slice(1, -1)));
  const accepted = new Set(["person", "location"]);
  for (const [source, entry] of Object.entries(loadDictionary(fixture.dictionary).sources))
    for (const [label, labelEntry] of Object.entries(entry.labels)) {
      const shown = labelEntry.descriptions.some(used);
      const isAccepted = source === "example_news" && accepted.has(label);
      assert.equal(shown, isAccepted, `${source}/${label}: descriptions used only when accepted`);
    }
  assert.ok(used(FIXTURE_RULES[0].new_rule), "the accepted rule is used");
  assert.ok(!used(FIXTURE_RULES[1].new_rule), "the rejected rule is not");
});
