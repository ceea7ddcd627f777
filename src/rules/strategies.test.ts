import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { loadStrategies, strategies } from "./strategies.ts";

const BUILT_IN = readFileSync(fileURLToPath(new URL("./strategies.yaml", import.meta.url)), "utf8");

function loadEdited(edit: (text: string) => string) {
  const directory = mkdtempSync(join(tmpdir(), "hum-strategies-"));
  try {
    const path = join(directory, "strategies.yaml");
    const text = edit(BUILT_IN);
    assert.notEqual(text, BUILT_IN, "the edit applies");
    writeFileSync(path, text);
    return loadStrategies(path);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function lineNumber(line: string): number {
  const index = BUILT_IN.split("\n").indexOf(line);
  assert.ok(index >= 0, `strategies.yaml has the line ${line}`);
  return index + 1;
}

test("an edited example is what the prompt shows; the rest of the file is kept", () => {
  const edited = loadEdited((text) =>
    text.replace("new_rule: 只标注最高学历。", "new_rule: 只标注最低学历。"),
  );
  const numerical = edited.find((s) => s.name === "numerical")!;
  assert.equal(numerical.examples.zh[0].newRule, "只标注最低学历。");
  const unchanged = (list: typeof edited) =>
    list.filter((s) => s.name !== "numerical").map(({ applies, ...s }) => s);
  assert.deepEqual(unchanged(edited), unchanged([...strategies()]));
});

test("an example label that is not in its text is refused, naming the file, line and field", () => {
  const line = "          new_labels: [Ph.D.]";
  assert.throws(
    () => loadEdited((text) => text.replace(line, "          new_labels: [PhD]")),
    (error: Error) => {
      assert.match(
        error.message,
        /strategies\.yaml:(\d+): strategies\.numerical\.examples\.en\.0\.new_labels\.0: "PhD" does not occur/,
      );
      assert.equal(Number(/yaml:(\d+)/.exec(error.message)![1]), lineNumber(line));
      return true;
    },
  );
});

test("spans where pairs belong, a third example or a missing strategy are refused", () => {
  assert.throws(
    () =>
      loadEdited((text) =>
        text.replace("labels: [{subject: James Cameron, object: Avatar}]", "labels: [James Cameron]"),
      ),
    /strategies\.reverse\.examples\.en\.0\.labels\.0: /,
  );
  assert.throws(
    () => loadEdited((text) => text.replace(/\n {2}reverse:[\s\S]*$/, "\n")),
    /strategies\.reverse: /,
  );
  const third =
    "\n        - text: A.\n          schema: s\n          labels: [A]\n          new_rule: r\n          new_labels: []";
  assert.throws(
    () =>
      loadEdited((text) =>
        text.replace("          new_labels: [阿里巴巴集团]", `          new_labels: [阿里巴巴集团]${third}`),
      ),
    /strategies\.boundaries\.examples\.zh: /,
  );
});
