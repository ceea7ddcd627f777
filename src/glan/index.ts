// GLAN (Generalized Instruction Tuning): instruction data from a taxonomy of human knowledge alone.
//
//   taxonomy.jsonl  ← a YAML/JSON taxonomy a person wrote, or drafted by the LLM per field
//   subjects.jsonl  ← per discipline, the subjects taught and their level
//   syllabus.jsonl  ← per subject, class sessions with key concepts
//   questions.jsonl ← per syllabus, questions from 1–2 sampled sessions × 1–2 key concepts each
//   answers.jsonl   ← canonical `chat` records (source `glan`) for `hum synth`'s IG slice
//
// Each phase reads the previous file and writes its own, so a person can stop, edit, mark items
// `reviewed`, and go on. Every request goes through the injected `ask` (the cached LLM layer).
export { type AnswerJob, answerJobs, GLAN_SOURCE, type GlanChatRecord, judgeAnswers } from "./answers.ts";
export { type BadLine, readItems, writeJsonlAtomically } from "./glan-files.ts";
export { childId, disciplineId, slug, subjectId } from "./glan-ids.ts";
export {
  ClassSession,
  ConceptSample,
  type GlanRejection,
  QuestionItem,
  SubjectItem,
  SyllabusItem,
  TaxonomyItem,
} from "./glan-items.ts";
export { type Ask, isSelected, type Job } from "./glan-phase.ts";
export {
  type PhaseReport,
  type PreparedPhase,
  prepareAnswers,
  prepareQuestions,
  prepareSubjects,
  prepareSyllabus,
  prepareTaxonomyDraft,
  prepareTaxonomyFromFile,
  runPreparedPhase,
} from "./glan-phases.ts";
export {
  estimateFromPlan,
  expectedItems,
  formatEstimates,
  type PhaseEstimate,
  projectPhases,
} from "./glan-plan.ts";
export { DEFAULT_LEVELS, defaultGlanSettings, type GlanSettings, questionsFor } from "./glan-settings.ts";
export {
  GLAN_PHASES,
  type GlanPhase,
  loadPromptSet,
  loadPromptTemplate,
  type PromptSet,
  type PromptTemplate,
  renderMessages,
} from "./prompt-templates.ts";
export { normalizeQuestion, QuestionDeduplicator } from "./question-dedup.ts";
export { type QuestionSlot, sampleQuestionSlots } from "./question-sampling.ts";
export { judgeQuestions, questionJobs } from "./questions.ts";
export { judgeSubjects, subjectsJobs } from "./subjects.ts";
export { judgeSyllabi, syllabusJobs } from "./syllabus.ts";
export { judgeTaxonomy, loadTaxonomyFile, TaxonomyFile, taxonomyJobs } from "./taxonomy.ts";
