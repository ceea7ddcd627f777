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
export { type AnswerJob, answerJobs, GLAN_SOURCE, type GlanChatRecord, judgeAnswer } from "./answers.ts";
export { type BadLine, readItems } from "./glan-files.ts";
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
export { type Ask, type ChildPhase, isSelected, type Job, judgeEach, type Reject } from "./glan-phase.ts";
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
export { questionJobs, questionsJudge, questionsPhase } from "./questions.ts";
export { subjectsJobs, subjectsJudge, subjectsPhase } from "./subjects.ts";
export { syllabusJobs, syllabusJudge, syllabusPhase } from "./syllabus.ts";
export { loadTaxonomyFile, TaxonomyFile, taxonomyJobs, taxonomyJudge } from "./taxonomy.ts";
