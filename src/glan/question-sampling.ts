// What each question is built from, as GLAN samples it: one or two class sessions of a syllabus, one
// or two key concepts of each, and a question type. Every draw comes from a generator seeded by (run
// seed, syllabus id, question number), so a slot's sample never depends on other slots or run order.
import { SeededRandom } from "../util/index.ts";
import type { ConceptSample, SyllabusItem } from "./glan-items.ts";
import { type GlanSettings, questionsFor } from "./glan-settings.ts";

export interface QuestionSlot {
  /** `<syllabus id>/q<n>`. */
  id: string;
  syllabus: SyllabusItem;
  questionType: string;
  concepts: ConceptSample[];
  /** Sent as the request's `seed`, so slots with the same sample still ask for different questions. */
  sampleSeed: number;
}

export function sampleQuestionSlots(syllabus: SyllabusItem, settings: GlanSettings): QuestionSlot[] {
  const count = questionsFor(settings, syllabus.level);
  return Array.from({ length: count }, (_, index) => sampleSlot(syllabus, index + 1, settings));
}

function sampleSlot(syllabus: SyllabusItem, number: number, settings: GlanSettings): QuestionSlot {
  const random = new SeededRandom(settings.seed, syllabus.id, number, "glan-question");
  const sessionCount = syllabus.sessions.length >= 2 ? random.int(1, 2) : 1;
  // Sessions keep their teaching order, so "combine session 2 and 5" reads as the course does.
  const positions = random
    .sample(
      syllabus.sessions.map((_, position) => position),
      sessionCount,
    )
    .sort((a, b) => a - b);
  const concepts = positions.map((position) => {
    const session = syllabus.sessions[position];
    const take = random.int(1, Math.min(2, session.key_concepts.length));
    const chosen = new Set(random.sample(session.key_concepts, take));
    return {
      session_id: session.id,
      title: session.title,
      key_concepts: session.key_concepts.filter((concept) => chosen.has(concept)),
    };
  });
  return {
    id: `${syllabus.id}/q${number}`,
    syllabus,
    questionType: random.pick(settings.questionTypes),
    concepts,
    sampleSeed: random.int(0, 0x7fff_ffff),
  };
}
