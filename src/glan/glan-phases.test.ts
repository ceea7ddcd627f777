// The phases in process, with a fake `ask` standing in for the LLM layer: files written, failures kept
// with their raw text, reviewed items respected, bad input lines named, records fit for `hum synth`.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { glanAnswer } from "../../test/support/glan-model.ts";
import type { LlmRequest, LlmResult } from "../llm/index.ts";
import { validateRecord } from "../records/index.ts";
import {
  type Ask,
  defaultGlanSettings,
  type GlanSettings,
  isSelected,
  prepareAnswers,
  prepareQuestions,
  prepareSubjects,
  prepareSyllabus,
  prepareTaxonomyDraft,
  prepareTaxonomyFromFile,
  runPreparedPhase,
} from "./index.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/glan/taxonomy.yaml", import.meta.url));

let directory: string;
before(() => {
  directory = mkdtempSync(join(tmpdir(), "hum-glan-"));
});
after(() => rmSync(directory, { recursive: true, force: true }));

const path = (name: string) => join(directory, name);

function readJsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

type Answerer = (request: LlmRequest<unknown>) => string | { fail: string };

/** An in-process `ask`: the scripted model's text, parsed as the LLM layer would; counts requests. */
function fakeAsk(answer: Answerer = defaultAnswer): Ask & { asked: LlmRequest<unknown>[] } {
  const asked: LlmRequest<unknown>[] = [];
  const ask = async (requests: readonly LlmRequest<unknown>[]) => {
    asked.push(...requests);
    return requests.map((request): LlmResult<unknown> => {
      const text = answer(request);
      if (typeof text !== "string")
        return {
          ok: false,
          key: "k",
          reason: "invalid_json",
          message: text.fail,
          rawText: "not json",
          attempts: 3,
        };
      const value = request.schema ? request.schema.parse(JSON.parse(text)) : text;
      const usage = { promptTokens: 1, completionTokens: 1 };
      return { ok: true, key: "k", value, rawText: text, finishReason: "stop", usage, fromCache: false };
    });
  };
  return Object.assign(ask as Ask, { asked });
}

function defaultAnswer(request: LlmRequest<unknown>): string {
  return glanAnswer({
    model: "fake",
    messages: request.messages,
    response_format: request.schemaName ? { json_schema: { name: request.schemaName } } : undefined,
    seed: request.params?.seed,
  });
}

/** What `hum review` writes beside a decision. */
function stamp(decision: "accepted" | "edited" | "rejected", note?: string) {
  return { decision, by: "ana", at: "2026-12-01T10:00:00.000Z", ...(note ? { note } : {}) };
}

const settings = (overrides: Partial<GlanSettings> = {}) =>
  defaultGlanSettings({ subjects: 3, sessions: 4, questions: 2, ...overrides });

test("taxonomy file → subjects → syllabus → questions → answers: chat records a synth run accepts", async () => {
  const s = settings({ questionsPerLevel: { advanced: 1 } });
  const ask = fakeAsk();
  const taxonomy = await runPreparedPhase(
    await prepareTaxonomyFromFile(EXAMPLE, path("taxonomy.jsonl")),
    ask,
    path("taxonomy.jsonl"),
  );
  assert.equal(taxonomy?.written, 7);
  const subjects = await runPreparedPhase(
    await prepareSubjects(path("taxonomy.jsonl"), path("subjects.jsonl"), s),
    ask,
    path("subjects.jsonl"),
  );
  assert.deepEqual([subjects?.asked, subjects?.written, subjects?.rejected], [7, 21, 0]);
  const subjectLines = readJsonl(path("subjects.jsonl"));
  assert.equal(subjectLines[0].id, "natural-sciences/mathematics/algebra/algebra-1/introductory");
  assert.equal(subjectLines[0].reviewed, false);

  await runPreparedPhase(
    await prepareSyllabus(path("subjects.jsonl"), path("syllabus.jsonl"), s),
    ask,
    path("syllabus.jsonl"),
  );
  const syllabus = readJsonl(path("syllabus.jsonl"));
  assert.equal(syllabus.length, 21);
  const sessions = syllabus[0].sessions as { id: string; key_concepts: string[] }[];
  assert.equal(sessions.length, 4);
  assert.equal(sessions[1].id, `${syllabus[0].id}/s2`);

  const questions = await runPreparedPhase(
    await prepareQuestions(path("syllabus.jsonl"), path("questions.jsonl"), s),
    ask,
    path("questions.jsonl"),
  );
  // 7 syllabi per level: introductory and intermediate 2 questions each, advanced 1.
  assert.equal(questions?.asked, 7 * 2 + 7 * 2 + 7 * 1);
  assert.equal(questions?.written, 35);
  const question = readJsonl(path("questions.jsonl"))[0];
  assert.equal(question.id, `${syllabus[0].id}/q1`);

  const answers = await runPreparedPhase(
    await prepareAnswers(path("questions.jsonl"), s),
    ask,
    path("answers.jsonl"),
  );
  assert.equal(answers?.written, 35);
  const records = readJsonl(path("answers.jsonl"));
  for (const record of records) assert.equal(validateRecord(record).ok, true);
  assert.equal(records[0].kind, "chat");
  assert.equal(records[0].source, "glan");
  assert.equal(records[0].instruction, question.question);
  assert.deepEqual(Object.keys(records[0].metadata as object), [
    "field",
    "sub_field",
    "discipline",
    "subject",
    "level",
    "question_type",
    "key_concepts",
  ]);
  assert.equal(ask.asked.length, 7 + 21 + 35 + 35);
  assert.deepEqual(
    readdirSync(directory).filter((name) => name.endsWith(".tmp")),
    [],
    "no temporary file left behind",
  );
});

test("a failed answer is a rejection with its raw text; the other items are written", async () => {
  const s = settings();
  const ask = fakeAsk((request) =>
    request.messages.at(-1)!.content.includes("Discipline: Databases")
      ? { fail: "no JSON object" }
      : defaultAnswer(request),
  );
  await runPreparedPhase(await prepareTaxonomyFromFile(EXAMPLE, path("t2.jsonl")), ask, path("t2.jsonl"));
  const report = await runPreparedPhase(
    await prepareSubjects(path("t2.jsonl"), path("s2.jsonl"), s),
    ask,
    path("s2.jsonl"),
  );
  assert.deepEqual([report?.written, report?.rejected], [18, 1]);
  const [rejection] = readJsonl(path("s2.jsonl.rejects.jsonl"));
  assert.deepEqual(rejection, {
    id: "engineering-and-technology/computer-science/databases",
    reason: "invalid_json",
    message: "no JSON object",
    raw_answer: "not json",
  });
});

test("extra and repeated subjects are rejected, not written", async () => {
  const s = settings({ subjects: 2 });
  const ask = fakeAsk((request) =>
    request.schemaName === "glan_subjects"
      ? JSON.stringify({
          subjects: [
            { name: "Groups", level: "introductory", description: "" },
            { name: "groups!", level: "introductory", description: "" },
            { name: "Rings", level: "advanced", description: "" },
            { name: "Fields", level: "advanced", description: "" },
          ],
        })
      : defaultAnswer(request),
  );
  writeFileSync(path("one.jsonl"), `${readFileSync(path("taxonomy.jsonl"), "utf8").split("\n")[0]}\n`);
  const report = await runPreparedPhase(
    await prepareSubjects(path("one.jsonl"), path("s3.jsonl"), s),
    ask,
    path("s3.jsonl"),
  );
  assert.deepEqual(
    readJsonl(path("s3.jsonl")).map((item) => item.subject),
    ["Groups", "Rings"],
  );
  assert.deepEqual(
    readJsonl(path("s3.jsonl.rejects.jsonl")).map((item) => item.reason),
    ["duplicate", "extra"],
  );
  assert.equal(report?.rejected, 2);
});

test("--reviewed-only skips unreviewed inputs; a rerun keeps what a person reviewed and asks only the rest", async () => {
  const s = settings({ reviewedOnly: true });
  const ask = fakeAsk();
  const prepared = await prepareSubjects(path("taxonomy.jsonl"), path("s4.jsonl"), s);
  assert.equal(prepared.unreviewed, 1, "Logic is marked reviewed: false in the example");
  await runPreparedPhase(prepared, ask, path("s4.jsonl"));
  assert.ok(!readFileSync(path("s4.jsonl"), "utf8").includes("logic"));

  // A person edits and reviews one subject of Algebra.
  const lines = readJsonl(path("s4.jsonl"));
  lines[1] = { ...lines[1], subject: "Linear algebra (edited)", reviewed: true, review: stamp("edited") };
  writeFileSync(path("s4.jsonl"), lines.map((line) => `${JSON.stringify(line)}\n`).join(""));

  const again = fakeAsk();
  const rerun = await prepareSubjects(path("taxonomy.jsonl"), path("s4.jsonl"), s);
  assert.equal(rerun.kept, 3, "all three subjects of the reviewed discipline are kept");
  await runPreparedPhase(rerun, again, path("s4.jsonl"));
  assert.equal(again.asked.length, 5, "the discipline with a reviewed subject is not asked again");
  assert.deepEqual(readJsonl(path("s4.jsonl")), lines, "same lines, the edit intact");
});

test("bad input lines are rejected with file and line; good ones go on", async () => {
  const good = readFileSync(path("taxonomy.jsonl"), "utf8").split("\n")[0];
  writeFileSync(path("bad.jsonl"), `${good}\n{"id": "x"}\nnot json\n${good}\n`);
  const prepared = await prepareSubjects(path("bad.jsonl"), path("s5.jsonl"), settings());
  assert.equal(prepared.jobs.length, 1);
  const report = await runPreparedPhase(prepared, fakeAsk(), path("s5.jsonl"));
  assert.equal(report?.badInput, 3);
  const rejects = readJsonl(path("s5.jsonl.rejects.jsonl"));
  assert.deepEqual(
    rejects.map((line) => [line.id, line.reason]),
    [
      [`${path("bad.jsonl")}:2`, "bad_input"],
      [`${path("bad.jsonl")}:3`, "bad_input"],
      [`${path("bad.jsonl")}:4`, "bad_input"],
    ],
  );
  assert.match(String(rejects[0].message), /field/);
  assert.match(String(rejects[2].message), /duplicate id/);
});

test("a drafted taxonomy is unreviewed, one request per field, ids from its path", async () => {
  const ask = fakeAsk();
  const prepared = await prepareTaxonomyDraft(
    ["Arts", "Arts", "Law"],
    path("draft.jsonl"),
    settings({ subFields: 2, disciplines: 2 }),
  );
  assert.equal(prepared.jobs.length, 2);
  await runPreparedPhase(prepared, ask, path("draft.jsonl"));
  const items = readJsonl(path("draft.jsonl"));
  assert.equal(items.length, 8);
  assert.deepEqual(items[0], {
    id: "arts/arts-area-1/arts-discipline-1-1",
    field: "Arts",
    sub_field: "Arts area 1",
    discipline: "Arts discipline 1.1",
    description: "Studies part 1 of area 1.",
    origin: "llm",
    reviewed: false,
  });
});

test("an existing output with a bad line is not overwritten", async () => {
  writeFileSync(path("s6.jsonl"), "{broken\n");
  await assert.rejects(
    prepareSubjects(path("taxonomy.jsonl"), path("s6.jsonl"), settings()),
    /s6\.jsonl:1: invalid JSON/,
  );
  assert.equal(readFileSync(path("s6.jsonl"), "utf8"), "{broken\n");
});

test("taxonomy from a file again: a verdict recorded in the output is kept, the rest follows the file", async () => {
  const out = path("t7.jsonl");
  await runPreparedPhase(await prepareTaxonomyFromFile(EXAMPLE, out), fakeAsk(), out);
  const lines = readJsonl(out);
  const logic = lines.findIndex((line) => line.discipline === "Logic");
  lines[logic] = { ...lines[logic], reviewed: true };
  lines[0] = { ...lines[0], reviewed: false, review: stamp("rejected", "too broad") };
  writeFileSync(out, lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
  await runPreparedPhase(await prepareTaxonomyFromFile(EXAMPLE, out), fakeAsk(), out);
  const again = readJsonl(out);
  assert.deepEqual(again[logic].reviewed, true, "approved in the output, unreviewed in the file");
  assert.deepEqual([again[0].reviewed, again[0].review], [false, stamp("rejected", "too broad")]);
  assert.deepEqual(again.slice(1, logic), lines.slice(1, logic));
});

test("questions kept from an earlier run count for duplicates", async () => {
  const s = settings();
  writeFileSync(
    path("y.jsonl"),
    `${readFileSync(path("syllabus.jsonl"), "utf8").split("\n").slice(0, 2).join("\n")}\n`,
  );
  await runPreparedPhase(
    await prepareQuestions(path("y.jsonl"), path("q8.jsonl"), s),
    fakeAsk(),
    path("q8.jsonl"),
  );
  const lines = readJsonl(path("q8.jsonl"));
  lines[0] = { ...lines[0], question: "What is a group?", reviewed: true };
  writeFileSync(path("q8.jsonl"), lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
  // The second syllabus's model now asks the reviewed question of the first, word for word.
  const ask = fakeAsk((request) =>
    request.schemaName === "glan_question"
      ? JSON.stringify({ question: "what is a GROUP" })
      : defaultAnswer(request),
  );
  const report = await runPreparedPhase(
    await prepareQuestions(path("y.jsonl"), path("q8.jsonl"), s),
    ask,
    path("q8.jsonl"),
  );
  assert.equal(ask.asked.length, 2, "only the syllabus without a reviewed question is asked");
  assert.equal(report?.written, 2);
  assert.deepEqual(
    readJsonl(path("q8.jsonl.rejects.jsonl")).map((line) => [line.reason, line.message]),
    [
      ["duplicate", `repeats ${lines[0].id} (similarity 1.00)`],
      ["duplicate", `repeats ${lines[0].id} (similarity 1.00)`],
    ],
  );
});

test("--only asks about one part of the taxonomy; the other items of the output are kept", async () => {
  const out = path("s10.jsonl");
  const humanities = fakeAsk();
  await runPreparedPhase(
    await prepareSubjects(path("taxonomy.jsonl"), out, settings({ only: ["humanities"] })),
    humanities,
    out,
  );
  assert.equal(humanities.asked.length, 2);
  const mathematics = fakeAsk();
  const report = await runPreparedPhase(
    await prepareSubjects(path("taxonomy.jsonl"), out, settings({ only: ["natural-sciences/mathematics"] })),
    mathematics,
    out,
  );
  assert.equal(mathematics.asked.length, 2);
  assert.equal(report?.kept, 6);
  assert.deepEqual(
    [...new Set(readJsonl(out).map((item) => item.discipline))],
    ["Algebra", "Probability and statistics", "World history", "Logic"],
    "in taxonomy order",
  );
  assert.equal(isSelected("natural-sciences/mathematics/algebra", ["natural-sciences/math"]), false);
});

test("an item rejected in review is never used, and a rerun does not ask its parent again", async () => {
  const s = settings();
  const out = path("s11.jsonl");
  await runPreparedPhase(await prepareSubjects(path("taxonomy.jsonl"), out, s), fakeAsk(), out);
  const lines = readJsonl(out);
  lines[0] = { ...lines[0], reviewed: false, review: stamp("rejected", "not a subject of algebra") };
  writeFileSync(out, lines.map((line) => `${JSON.stringify(line)}\n`).join(""));

  const syllabus = await prepareSyllabus(out, path("y11.jsonl"), s);
  assert.equal(syllabus.rejectedInReview, 1);
  assert.equal(syllabus.jobs.length, lines.length - 1);
  assert.ok(!syllabus.jobs.some((job) => job.id === lines[0].id));

  const again = fakeAsk();
  await runPreparedPhase(await prepareSubjects(path("taxonomy.jsonl"), out, s), again, out);
  assert.equal(again.asked.length, 6, "Algebra, with a rejected subject, is not asked again");
  assert.deepEqual(readJsonl(out), lines, "the rejection stays on its line");
});
