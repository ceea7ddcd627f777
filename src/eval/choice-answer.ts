import { findJson } from "../formats/index.ts";
import { isNotMentioned, NOT_MENTIONED, type SchemaChunk, type TaskSpec } from "../tasks/index.ts";
import { isObject } from "../util/index.ts";
import type { ParsedOutput } from "./output-parsing.ts";

/**
 * The answer of a multiple-choice (MRC) or classification (TC) output, as a one-element tuple.
 * `exact` compares the trimmed text as it is (IEPile-style arithmetic); `tolerant` also reads
 * `{"answer": …}`/`{"type": …}`, drops fences, quotes and an "answer:" prefix, and maps the text to the
 * one candidate it names (exactly, ignoring case, or as the only candidate it mentions). An output naming
 * no candidate, or several, is unparseable.
 */
export function choiceTuples(
  task: TaskSpec,
  text: string,
  chunk: SchemaChunk,
  mode: "exact" | "tolerant",
): ParsedOutput {
  if (mode === "exact")
    return { ok: true, tuples: [[scoredText(task, text.trim())]], argumentTuples: [], how: "exact-text" };
  const readings = cleanReadings(answerText(task, text));
  const answer = readings.at(-1) ?? "";
  const candidates = chunk.labels;
  if (candidates.length === 0) return answer ? tuple(scoredText(task, answer)) : failed("empty");
  // The least cleaned reading first: a choice may itself start with a quote or end with a full stop.
  for (const reading of readings) {
    const chosen = chooseCandidate(reading, candidates);
    if (chosen !== undefined) return tuple(chosen);
  }
  return failed(answer ? "names no single choice" : "empty");
}

/** MRC's "no answer" in either language scores as the gold's unanswerable tuple (`MRC.tuples`). */
function scoredText(task: TaskSpec, text: string): string {
  return task.name === "MRC" && isNotMentioned(text) ? NOT_MENTIONED.en : text;
}

function tuple(value: string): ParsedOutput {
  return { ok: true, tuples: [[value]], argumentTuples: [], how: "choice" };
}

function failed(reason: string): ParsedOutput {
  return { ok: false, reason };
}

function answerText(task: TaskSpec, text: string): string {
  const found = findJson(text);
  if (found && typeof found.value === "string") return found.value;
  if (found && isObject(found.value)) {
    const value =
      found.value[task.name === "TC" ? "type" : "answer"] ?? found.value.answer ?? found.value.type;
    if (typeof value === "string") return value;
  }
  return text.replace(/```[a-zA-Z]*/g, "");
}

/** The answer text, then without an "answer:" prefix, then also without quotes and a final full stop. */
function cleanReadings(text: string): string[] {
  const trimmed = text.trim();
  const unprefixed = trimmed.replace(/^(answer|output|答案|回答)\s*[:：]\s*/i, "").trim();
  const bare = unprefixed
    .replace(/^["'“”‘’「」]+|["'“”‘’「」]+$/g, "")
    .replace(/[。.!！]+$/, "")
    .trim();
  return [...new Set([trimmed, unprefixed, bare])];
}

export function chooseCandidate(answer: string, candidates: readonly string[]): string | undefined {
  if (candidates.includes(answer)) return answer;
  const folded = answer.toLowerCase();
  const caseless = candidates.filter((c) => c.toLowerCase() === folded);
  if (caseless.length === 1) return caseless[0];
  const named = candidates.filter((c) => folded.includes(c.toLowerCase()));
  // "semester plan" inside "a semester plan draft" names one choice; a choice inside another does not count.
  const outermost = named.filter(
    (c) => !named.some((other) => other !== c && other.toLowerCase().includes(c.toLowerCase())),
  );
  return outermost.length === 1 ? outermost[0] : undefined;
}
