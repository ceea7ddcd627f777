import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type AnswerRow, type SchemaChunk, type TaskSpec, taskByName } from "../tasks/index.ts";
import { pythonJson } from "../util/python-json.ts";
import { parseOutput } from "./output-parsing.ts";

/** Gold answers of each IE task, with the chunk that asked them. */
const GOLD: Array<{ task: string; chunk: SchemaChunk; answer: unknown }> = [
  {
    task: "NER",
    chunk: { labels: ["award", "location", "person"] },
    answer: { award: ["Turing Award"], location: [], person: ["Hinton", "Yann LeCun, Jr."] },
  },
  {
    task: "RE",
    chunk: { labels: ["capital", "religion"] },
    answer: { capital: [], religion: [{ subject: "Vincent Madeley Harris", object: "Catholic Church" }] },
  },
  {
    task: "EE",
    chunk: {
      labels: ["birth", "marriage"],
      roles: { birth: ["child", "time"], marriage: ["husband", "wife", "time"] },
    },
    answer: {
      birth: [],
      marriage: [{ trigger: "married", arguments: { husband: "Ning Shan", wife: ["Ren Xiao", "Ren Xi"] } }],
    },
  },
];

function markdown(task: TaskSpec, rows: AnswerRow[]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const columns = [...task.columns];
  return [
    line(columns),
    line(columns.map(() => "---")),
    ...rows.map((row) => line(columns.map((c) => row[c] ?? ""))),
  ].join("\n");
}

/** Every rendering a model may answer in: each must read back to the gold tuples. */
function renderings(task: TaskSpec, answer: unknown, chunk: SchemaChunk): Record<string, string> {
  const json = pythonJson(task.renderDefault(answer, chunk));
  const rows = task.toRows(answer);
  const all: Record<string, string> = {
    json,
    "compact json": JSON.stringify(task.renderDefault(answer, chunk)),
    "fenced json": "```json\n" + json + "\n```",
    "json after prose": `Sure! Here are the results:\n${json}\nLet me know if you need more.`,
    "single-quoted json": json.replaceAll('"', "'"),
    "flat json rows": JSON.stringify(rows),
    "markdown table": `Result:\n\n${markdown(task, rows)}`,
  };
  if (task.name === "NER") {
    all["json with NAN for empty"] = json.replace("[]", '"NAN"');
    all["json with empty key omitted"] = JSON.stringify({
      award: ["Turing Award"],
      person: ["Hinton", "Yann LeCun, Jr."],
    });
    all["type: values lines"] = "award: Turing Award\nlocation: NAN\nperson: Hinton";
    all["tuple lines"] = rows.map((row) => `(${row.type}, ${row.entity})`).join("\n");
  }
  if (task.name === "RE")
    all["tuple lines"] = rows.map((r) => `(${r.subject}, ${r.predicate}, ${r.object})`).join("\n");
  return all;
}

describe("parseOutput reads the gold answer in every format", () => {
  for (const { task: name, chunk, answer } of GOLD) {
    const task = taskByName(name);
    const gold = task
      .tuples(answer)
      .map((t) => JSON.stringify(t))
      .sort();
    const goldArguments = (task.argumentTuples?.(answer) ?? []).map((t) => JSON.stringify(t)).sort();
    for (const [format, text] of Object.entries(renderings(task, answer, chunk))) {
      it(`${name}: ${format}`, () => {
        const parsed = parseOutput(task, text, chunk);
        assert.ok(parsed.ok, `not parsed: ${JSON.stringify(parsed)}`);
        const tuples = parsed.tuples.map((t) => JSON.stringify(t)).sort();
        // The "type: values" lines deliberately leave out the entity holding a comma.
        if (format === "type: values lines")
          assert.deepEqual(tuples, ['["award","Turing Award"]', '["person","Hinton"]']);
        else assert.deepEqual(tuples, gold);
        if (task.name === "EE")
          assert.deepEqual(parsed.argumentTuples.map((t) => JSON.stringify(t)).sort(), goldArguments);
      });
    }
  }
});

describe("parseOutput: choices", () => {
  const mrc = taskByName("MRC");
  const tc = taskByName("TC");
  const choice = { labels: ["diary", "novel", "semester plan", "work summary"], plain: true };
  const answers = [
    "semester plan",
    " semester plan\n",
    '"semester plan"',
    '{"answer": "semester plan"}',
    "Answer: semester plan.",
    "The man is writing a semester plan",
  ];
  for (const text of answers)
    it(`MRC reads ${JSON.stringify(text)}`, () => {
      assert.deepEqual(parseOutput(mrc, text, choice), {
        ok: true,
        tuples: [["semester plan"]],
        argumentTuples: [],
        how: "choice",
      });
    });

  it("MRC: naming two choices, or none, is unparseable", () => {
    assert.equal(parseOutput(mrc, "diary or novel", choice).ok, false);
    assert.equal(parseOutput(mrc, "I don't know", choice).ok, false);
  });

  it("MRC: a choice that starts with a quote mark is kept whole", () => {
    const quoted = { labels: ["“沉鱼”的故事", "美丽的西施"], plain: true };
    const parsed = parseOutput(mrc, "“沉鱼”的故事", quoted);
    assert.ok(parsed.ok && parsed.tuples[0][0] === "“沉鱼”的故事");
  });

  it("TC maps the class whatever its case", () => {
    const sentiment = { labels: ["negative", "positive"], plain: true };
    for (const text of ["Negative", "negative", '{"type": "NEGATIVE"}', "```\nNegative\n```"])
      assert.deepEqual(parseOutput(tc, text, sentiment).ok && parseOutput(tc, text, sentiment), {
        ok: true,
        tuples: [["negative"]],
        argumentTuples: [],
        how: "choice",
      });
  });
});

describe("parseOutput: tolerance has limits", () => {
  const ner = taskByName("NER");
  it("skips malformed entries, keeps the rest", () => {
    const parsed = parseOutput(ner, '{"person": ["Hinton", 3, {"x": 1}, null], "award": "Turing Award"}', {
      labels: ["person"],
    });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.tuples, [
      ["person", "Hinton"],
      ["person", "3"],
      ["award", "Turing Award"],
    ]);
  });

  it("prose without an answer is unparseable", () => {
    assert.deepEqual(parseOutput(ner, "There are no entities in this text.", { labels: ["person"] }), {
      ok: false,
      reason: "no answer found",
    });
  });

  it("a truncated JSON answer is repaired", () => {
    const parsed = parseOutput(ner, '{"person": ["Hinton", "Bengio"], "award": ["Turing', {
      labels: ["person", "award"],
    });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.tuples.slice(0, 2), [
      ["person", "Hinton"],
      ["person", "Bengio"],
    ]);
  });
});
