import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { disciplineId, loadPromptSet, loadTaxonomyFile, renderMessages, slug, subjectId } from "./index.ts";

const BUILT_IN = fileURLToPath(new URL("./prompts", import.meta.url));

test("editing a prompt file changes its version (and so every cache key); other phases keep theirs", () => {
  const folder = mkdtempSync(join(tmpdir(), "hum-prompts-"));
  try {
    const builtIn = loadPromptSet();
    assert.match(builtIn.questions.promptVersion, /^glan-questions\/1\/[0-9a-f]{12}$/);
    cpSync(join(BUILT_IN, "questions.yaml"), join(folder, "questions.yaml"));
    assert.equal(loadPromptSet(folder).questions.promptVersion, builtIn.questions.promptVersion);
    const text = readFileSync(join(folder, "questions.yaml"), "utf8");
    writeFileSync(join(folder, "questions.yaml"), text.replace("Do not answer it.", "Never answer it."));
    const edited = loadPromptSet(folder);
    assert.notEqual(edited.questions.promptVersion, builtIn.questions.promptVersion);
    assert.equal(edited.subjects.promptVersion, builtIn.subjects.promptVersion);
    writeFileSync(join(folder, "answers.yaml"), "version: 1\nuser: 3\n");
    assert.throws(() => loadPromptSet(folder), /answers\.yaml:2: user: /);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("variables are filled once: a missing one is an error, braces inside a value stay", () => {
  const { answers } = loadPromptSet();
  const messages = renderMessages(answers, { question: "Print {{language}} in Go", language: "English" });
  assert.equal(messages.at(-1)!.content, "Print {{language}} in Go");
  assert.match(messages[0].content, /Answer in English/);
  assert.throws(() => renderMessages(answers, { question: "q" }), /no value for \{\{language\}\}/);
});

test("ids are slugs of the taxonomy path, in any script", () => {
  assert.equal(slug("  C++ & Data Structures "), "c-data-structures");
  assert.equal(slug("数学分析"), "数学分析");
  assert.equal(
    disciplineId("Natural sciences", "Mathematics", "Algebra"),
    "natural-sciences/mathematics/algebra",
  );
  assert.equal(subjectId("f/s/d", "Group Theory", "Advanced"), "f/s/d/group-theory/advanced");
});

test("a taxonomy file with a mistake names the file and the node", () => {
  const folder = mkdtempSync(join(tmpdir(), "hum-taxonomy-"));
  try {
    const file = join(folder, "t.yaml");
    writeFileSync(
      file,
      "fields:\n  - name: Arts\n    sub_fields:\n      - name: Music\n        disciplines: []\n",
    );
    assert.throws(() => loadTaxonomyFile(file), /t\.yaml: fields\.0\.sub_fields\.0\.disciplines: /);
    writeFileSync(
      file,
      "fields:\n  - name: Arts\n    sub_fields:\n      - name: Music\n        disciplines: [Jazz, jazz]\n",
    );
    assert.throws(() => loadTaxonomyFile(file), /discipline arts\/music\/jazz appears twice/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
