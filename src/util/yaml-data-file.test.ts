import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { fillTemplate } from "./fill-template.ts";
import { parseYamlData } from "./yaml-data-file.ts";

const Schema = z
  .object({ version: z.number().int(), items: z.array(z.object({ name: z.string() }).strict()) })
  .strict();

test("a data file's mistakes name the file, the line and the field", () => {
  assert.deepEqual(parseYamlData("version: 1\nitems:\n  - name: a\n", Schema, "f.yaml"), {
    version: 1,
    items: [{ name: "a" }],
  });
  const wrong = "version: 1\nitems:\n  - name: a\n  - name: 7\n";
  assert.throws(() => parseYamlData(wrong, Schema, "f.yaml"), /^Error: f\.yaml:4: items\.1\.name: .*string/);
  // A missing field points at the map that lacks it, an unknown one at the map that has it.
  assert.throws(
    () => parseYamlData("version: 1\nitems:\n  - {}\n", Schema, "f.yaml"),
    /^Error: f\.yaml:3: items\.0\.name: /,
  );
  assert.throws(
    () => parseYamlData("version: 1\nitems: []\nextra: 2\n", Schema, "f.yaml"),
    /^Error: f\.yaml:1: \(file\): .*extra/,
  );
  assert.throws(() => parseYamlData("version: 1\nitems: [\n", Schema, "f.yaml"), /^Error: f\.yaml:\d+: /);
  assert.throws(
    () => parseYamlData("version: 1\nversion: 2\nitems: []\n", Schema, "f.yaml"),
    /^Error: f\.yaml:2: .*unique/i,
  );
});

test("a template is filled in one pass; a missing variable is an error", () => {
  assert.equal(fillTemplate("{{a}} and {{ b }}", { a: "{{b}}", b: "x" }, "t"), "{{b}} and x");
  assert.throws(() => fillTemplate("{{a}} {{c}}", { a: "1" }, "t.yaml"), /t\.yaml: no value for \{\{c\}\}/);
});
