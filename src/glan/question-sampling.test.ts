import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultGlanSettings, type SyllabusItem, sampleQuestionSlots } from "./index.ts";

function syllabus(id: string, level: string, sessions = 5): SyllabusItem {
  return {
    id,
    subject_id: id,
    discipline_id: "f/s/d",
    field: "F",
    sub_field: "S",
    discipline: "D",
    subject: "Subject",
    level,
    sessions: Array.from({ length: sessions }, (_, index) => ({
      id: `${id}/s${index + 1}`,
      title: `Session ${index + 1}`,
      description: "",
      key_concepts: [`a${index}`, `b${index}`, `c${index}`],
    })),
    reviewed: false,
  };
}

test("each question draws 1–2 sessions in teaching order and 1–2 key concepts of each", () => {
  const settings = defaultGlanSettings({ questions: 300 });
  const slots = sampleQuestionSlots(syllabus("x", "introductory"), settings);
  assert.equal(slots.length, 300);
  const sessionCounts = new Set<number>();
  const conceptCounts = new Set<number>();
  const types = new Set<string>();
  for (const slot of slots) {
    sessionCounts.add(slot.concepts.length);
    types.add(slot.questionType);
    const numbers = slot.concepts.map((sample) => Number(sample.session_id.split("/s")[1]));
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
    );
    assert.equal(new Set(numbers).size, numbers.length);
    for (const sample of slot.concepts) {
      conceptCounts.add(sample.key_concepts.length);
      const position = Number(sample.session_id.split("/s")[1]) - 1;
      for (const concept of sample.key_concepts) assert.match(concept, new RegExp(`^[abc]${position}$`));
    }
  }
  assert.deepEqual([...sessionCounts].sort(), [1, 2]);
  assert.deepEqual([...conceptCounts].sort(), [1, 2]);
  assert.deepEqual([...types].sort(), ["discussion", "homework", "problem"]);
});

test("sampling is seeded per slot: same seed same draws, another seed other draws, a single session works", () => {
  const settings = defaultGlanSettings({ questions: 20 });
  const one = sampleQuestionSlots(syllabus("x", "advanced"), settings);
  assert.deepEqual(sampleQuestionSlots(syllabus("x", "advanced"), settings), one);
  const other = sampleQuestionSlots(
    syllabus("x", "advanced"),
    defaultGlanSettings({ questions: 20, seed: 7 }),
  );
  assert.notDeepEqual(other, one);
  // More questions asked leaves the first ones unchanged.
  const more = sampleQuestionSlots(syllabus("x", "advanced"), defaultGlanSettings({ questions: 25 }));
  assert.deepEqual(more.slice(0, 20), one);
  const single = sampleQuestionSlots(syllabus("y", "advanced", 1), settings);
  assert.ok(single.every((slot) => slot.concepts.length === 1));
});

test("question counts are set per level", () => {
  const settings = defaultGlanSettings({ questions: 3, questionsPerLevel: { advanced: 1, intermediate: 5 } });
  assert.equal(sampleQuestionSlots(syllabus("a", "introductory"), settings).length, 3);
  assert.equal(sampleQuestionSlots(syllabus("b", "intermediate"), settings).length, 5);
  assert.equal(sampleQuestionSlots(syllabus("c", "advanced"), settings).length, 1);
  assert.deepEqual(
    sampleQuestionSlots(syllabus("b", "intermediate"), settings).map((slot) => slot.id),
    ["b/q1", "b/q2", "b/q3", "b/q4", "b/q5"],
  );
});

test("question types are limited to the ones asked for; an unknown type is an error", () => {
  const settings = defaultGlanSettings({ questions: 30, questionTypes: ["homework"] });
  assert.ok(
    sampleQuestionSlots(syllabus("a", "introductory"), settings).every((s) => s.questionType === "homework"),
  );
  assert.throws(() => defaultGlanSettings({ questionTypes: ["essay"] }), /unknown question type "essay"/);
});
