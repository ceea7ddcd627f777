// Each phase as a file-to-file step: read the previous phase's file (bad lines become rejections with
// file and line), keep only reviewed items when asked, keep what a person reviewed in the existing
// output, build the jobs, and — once answered — judge them and write the output and its rejects, each
// complete or not at all. Preparing makes no request, so planning and batch export see the same jobs.
import { existsSync } from "node:fs";
import type { ZodType } from "zod";
import { writeJsonlFile } from "../io/index.ts";
import type { LlmResult } from "../llm/index.ts";
import { answerJobs, type GlanChatRecord, judgeAnswer } from "./answers.ts";
import { type BadLine, readItems } from "./glan-files.ts";
import { type GlanRejection, QuestionItem, TaxonomyItem } from "./glan-items.ts";
import {
  type Ask,
  askJobs,
  assembleByParent,
  type ChildPhase,
  groupByParent,
  isRejectedInReview,
  isSelected,
  type Job,
  judgeEach,
  keptByParent,
  type Reviewable,
} from "./glan-phase.ts";
import type { GlanSettings } from "./glan-settings.ts";
import type { GlanPhase } from "./prompt-templates.ts";
import { questionsPhase } from "./questions.ts";
import { subjectsPhase } from "./subjects.ts";
import { syllabusPhase } from "./syllabus.ts";
import { loadTaxonomyFile, taxonomyJobs, taxonomyJudge } from "./taxonomy.ts";

/** A phase ready to ask: its jobs, and how to turn their answers into the output file's lines. */
export interface PreparedPhase<R = unknown> {
  phase: GlanPhase;
  jobs: Job<R>[];
  /** Input lines that could not be used. */
  bad: BadLine[];
  /** Input items left out by --reviewed-only. */
  unreviewed: number;
  /** Input items left out because a reviewer rejected them. */
  rejectedInReview: number;
  /** Output items kept from an earlier run because a person reviewed them. */
  kept: number;
  finish(results: readonly LlmResult<R>[]): { lines: unknown[]; rejected: GlanRejection[] };
}

// Each phase's answers have their own type; callers only need to pass them back to `finish` in order.
function prepared<R>(phase: PreparedPhase<R>): PreparedPhase {
  return phase as PreparedPhase;
}

export interface PhaseReport {
  phase: GlanPhase;
  asked: number;
  written: number;
  rejected: number;
  kept: number;
  badInput: number;
  unreviewed: number;
  rejectedInReview: number;
  out: string;
  rejectsPath: string;
}

/** Asks the prepared jobs and writes `out` and `<out>.rejects.jsonl`; null when nothing was asked. */
export async function runPreparedPhase(
  prepared: PreparedPhase,
  ask: Ask,
  out: string,
): Promise<PhaseReport | null> {
  const results = await askJobs(prepared.jobs, ask);
  if (results === null) return null;
  const { lines, rejected } = prepared.finish(results);
  const badLines: GlanRejection[] = prepared.bad.map((bad) => ({
    id: `${bad.file}:${bad.line}`,
    reason: "bad_input",
    message: bad.reason,
    raw_answer: null,
  }));
  const rejectsPath = `${out}.rejects.jsonl`;
  writeJsonlFile(out, lines);
  writeJsonlFile(rejectsPath, [...badLines, ...rejected]);
  return {
    phase: prepared.phase,
    asked: prepared.jobs.length,
    written: lines.length,
    rejected: rejected.length + badLines.length,
    kept: prepared.kept,
    badInput: prepared.bad.length,
    unreviewed: prepared.unreviewed,
    rejectedInReview: prepared.rejectedInReview,
    out,
    rejectsPath,
  };
}

/**
 * Taxonomy from a file a person wrote: no request. When `out` already exists, a verdict recorded there
 * (by a reviewer or the review page: `reviewed: true`, or a `review` object) is kept for the same id.
 */
export async function prepareTaxonomyFromFile(path: string, out: string): Promise<PreparedPhase> {
  const existing = new Map((await existingItems(out, TaxonomyItem)).map((item) => [item.id, item]));
  const items = loadTaxonomyFile(path).map((item) => {
    const earlier = existing.get(item.id);
    if (!earlier) return item;
    if (earlier.review) return { ...item, reviewed: earlier.reviewed, review: earlier.review };
    return { ...item, reviewed: item.reviewed || earlier.reviewed };
  });
  return {
    phase: "taxonomy",
    jobs: [],
    bad: [],
    unreviewed: 0,
    rejectedInReview: 0,
    kept: 0,
    finish: () => ({ lines: items, rejected: [] }),
  };
}

/** Taxonomy drafted by the LLM, one request per field; fields a person reviewed in `out` are kept. */
export async function prepareTaxonomyDraft(
  fields: readonly string[],
  out: string,
  settings: GlanSettings,
): Promise<PreparedPhase> {
  const existing = await existingItems(out, TaxonomyItem);
  const kept = keptByParent(
    existing,
    (item) => item.field,
    () => true,
  );
  const unique = [...new Set(fields.map((field) => field.trim()))];
  const jobs = taxonomyJobs(
    unique.filter((field) => !kept.has(field)),
    settings,
  );
  return prepared({
    phase: "taxonomy",
    jobs,
    bad: [],
    unreviewed: 0,
    rejectedInReview: 0,
    kept: countKept(kept),
    finish(results) {
      const { items, rejected } = judgeEach(jobs, results, taxonomyJudge(settings));
      const byField = groupByParent(items, (item) => item.field);
      return { lines: assembleByParent(unique, kept, byField), rejected };
    },
  });
}

export function prepareSubjects(input: string, out: string, settings: GlanSettings): Promise<PreparedPhase> {
  return prepareChildPhase(subjectsPhase, input, out, settings);
}

export function prepareSyllabus(input: string, out: string, settings: GlanSettings): Promise<PreparedPhase> {
  return prepareChildPhase(syllabusPhase, input, out, settings);
}

export function prepareQuestions(input: string, out: string, settings: GlanSettings): Promise<PreparedPhase> {
  return prepareChildPhase(questionsPhase, input, out, settings);
}

/**
 * A phase over the previous phase's items: those selected and not kept (a person reviewed their
 * children in `out`) are asked; the output keeps input order, kept children where there are some.
 */
async function prepareChildPhase<
  In extends { id: string } & Reviewable,
  Out extends { id: string } & Reviewable,
  A,
  J extends Job<A>,
>(
  spec: ChildPhase<In, Out, A, J>,
  input: string,
  out: string,
  settings: GlanSettings,
): Promise<PreparedPhase> {
  const { items, bad, unreviewed, rejectedInReview } = await inputItems(input, spec.input, settings);
  const selected = (id: string) => isSelected(id, settings.only);
  const kept = keptByParent(await existingItems(out, spec.output), spec.parentOf, selected);
  const jobs = spec.jobs(
    items.filter((item) => selected(item.id) && !kept.has(item.id)),
    settings,
  );
  return prepared<A>({
    phase: spec.phase,
    jobs,
    bad,
    unreviewed,
    rejectedInReview,
    kept: countKept(kept),
    finish(results) {
      const judge = spec.judge(settings, [...kept.values()].flat());
      const fresh = judgeEach(jobs, results, judge);
      const parents = items.map((item) => item.id);
      return {
        lines: assembleByParent(parents, kept, groupByParent(fresh.items, spec.parentOf)),
        rejected: fresh.rejected,
      };
    },
  });
}

export async function prepareAnswers(input: string, settings: GlanSettings): Promise<PreparedPhase> {
  const { items, bad, unreviewed, rejectedInReview } = await inputItems(input, QuestionItem, settings);
  const jobs = answerJobs(
    items.filter((item) => isSelected(item.id, settings.only)),
    settings,
  );
  return prepared({
    phase: "answers",
    jobs,
    bad,
    unreviewed,
    rejectedInReview,
    kept: 0,
    finish(results) {
      const { items: records, rejected } = judgeEach(jobs, results, judgeAnswer);
      return { lines: records satisfies GlanChatRecord[], rejected };
    },
  });
}

async function inputItems<T extends { id: string } & Reviewable>(
  path: string,
  schema: ZodType<T>,
  settings: GlanSettings,
): Promise<{ items: T[]; bad: BadLine[]; unreviewed: number; rejectedInReview: number }> {
  if (!existsSync(path)) throw new Error(`${path}: no such file (run the previous phase first)`);
  const { items: all, bad } = await readItems(path, schema);
  const usable = all.filter((item) => !isRejectedInReview(item));
  const items = settings.reviewedOnly ? usable.filter((item) => item.reviewed) : usable;
  return {
    items,
    bad,
    unreviewed: usable.length - items.length,
    rejectedInReview: all.length - usable.length,
  };
}

// The earlier output, if any. A bad line there may be a person's edit in progress: stop rather than
// overwrite it.
async function existingItems<T extends { id: string }>(path: string, schema: ZodType<T>): Promise<T[]> {
  if (!existsSync(path)) return [];
  const { items, bad } = await readItems(path, schema);
  if (bad.length > 0) {
    const lines = bad.slice(0, 5).map((line) => `  ${line.file}:${line.line}: ${line.reason}`);
    throw new Error(
      `the existing output has bad lines; fix them or move the file away:\n${lines.join("\n")}`,
    );
  }
  return items;
}

function countKept(kept: ReadonlyMap<string, unknown[]>): number {
  let count = 0;
  for (const items of kept.values()) count += items.length;
  return count;
}
