// Preference rules: sample candidates, ask a model to annotate them, judge the answers.
export { countReasons, judgeAnswers, ruleAnnotationJob, ruleJobs } from "./annotate-rules.ts";
export { sampleRuleCandidates } from "./rule-candidate.ts";
export {
  loadRuleFile,
  parseRuleFile,
  type RuleBook,
  type RuleFileOptions,
  RuleRecord,
  ruleKey,
} from "./rule-file.ts";
