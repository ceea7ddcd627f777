// GLAN files decided on the review page (`hum review --items`) feed the next phase: accepted and edited
// items are used (edits included), rejected ones never, and a rerun keeps every decision.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { glanAnswer } from "../../test/support/glan-model.ts";
import type { LlmRequest, LlmResult } from "../llm/index.ts";
import { openReview } from "../review/index.ts";
import {
  type Ask,
  defaultGlanSettings,
  prepareSubjects,
  prepareSyllabus,
  prepareTaxonomyFromFile,
  runPreparedPhase,
} from "./index.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/glan/taxonomy.yaml", import.meta.url));
const directory = mkdtempSync(join(tmpdir(), "hum-glan-review-"));
after(() => rmSync(directory, { recursive: true, force: true }));

function scriptedAsk(asked: LlmRequest<unknown>[]): Ask {
  const ask = async (requests: readonly LlmRequest<unknown>[]) => {
    asked.push(...requests);
    return requests.map((request): LlmResult<unknown> => {
      const text = glanAnswer({
        model: "fake",
        messages: request.messages,
        response_format: { json_schema: { name: request.schemaName } },
      });
      const value = request.schema!.parse(JSON.parse(text));
      const usage = { promptTokens: 1, completionTokens: 1 };
      return { ok: true, key: "k", value, rawText: text, finishReason: "stop", usage, fromCache: false };
    });
  };
  return ask as Ask;
}

test("accept, edit and reject subjects on the review page; the syllabus phase uses what was accepted", async () => {
  const settings = defaultGlanSettings({ subjects: 2, reviewedOnly: true });
  const taxonomy = join(directory, "taxonomy.jsonl");
  const subjects = join(directory, "subjects.jsonl");
  await runPreparedPhase(await prepareTaxonomyFromFile(EXAMPLE, taxonomy), scriptedAsk([]), taxonomy);
  await runPreparedPhase(await prepareSubjects(taxonomy, subjects, settings), scriptedAsk([]), subjects);

  const store = await openReview(
    { items: [directory] },
    { reviewer: "grace", clock: () => new Date("2026-12-01T12:00:00Z") },
  );
  const items = store.items();
  assert.deepEqual(
    store.files.map((path) => path.slice(directory.length + 1)),
    ["subjects.jsonl", "taxonomy.jsonl"],
    "the page finds both files in the folder (the rejects files have no reviewed flag)",
  );
  const algebra = items.filter((item) => item.title.startsWith("Algebra "));
  assert.equal(algebra.length, 2);
  store.decide({ id: algebra[0].id, decision: "accepted" });
  const edited = { ...(algebra[1].content as { object: Record<string, unknown> }).object };
  edited.subject = "Abstract algebra";
  store.decide({ id: algebra[1].id, decision: "edited", edits: { object: edited } });
  const databases = items.find((item) => item.title === "Databases 1")!;
  store.decide({ id: databases.id, decision: "rejected", note: "too close to Databases 2" });

  const syllabus = await prepareSyllabus(subjects, join(directory, "syllabus.jsonl"), settings);
  assert.equal(syllabus.rejectedInReview, 1);
  assert.deepEqual(
    syllabus.jobs.map((job) => job.id),
    [
      "natural-sciences/mathematics/algebra/algebra-1/introductory",
      "natural-sciences/mathematics/algebra/algebra-2/intermediate",
    ],
  );
  assert.match(syllabus.jobs[1].request.messages.at(-1)!.content, /teach the subject "Abstract algebra"/);

  // The subjects phase again: the three decided-on disciplines are kept, the other four asked again.
  const asked: LlmRequest<unknown>[] = [];
  const before = readFileSync(subjects, "utf8");
  const rerun = await runPreparedPhase(
    await prepareSubjects(taxonomy, subjects, defaultGlanSettings({ subjects: 2 })),
    scriptedAsk(asked),
    subjects,
  );
  assert.equal(
    asked.length,
    5,
    "Algebra and Databases are kept; Logic, unreviewed in the file, is asked now",
  );
  assert.equal(rerun?.kept, 4);
  const decided = (text: string) => text.split("\n").filter((line) => line.includes('"review":'));
  assert.deepEqual(decided(readFileSync(subjects, "utf8")), decided(before));
});
