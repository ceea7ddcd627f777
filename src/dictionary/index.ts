export {
  applyAuthoredAnswers,
  authoringJob,
  authoringJobs,
  collectAuthoringTargets,
} from "./author-dictionary.ts";
export * from "./dictionary-file.ts";
export {
  describedLabelCount,
  emptyDictionary,
  loadDictionary,
  type SchemaDictionary,
  saveDictionary,
} from "./dictionary-file.ts";
export { exampleRecord } from "./example-record.ts";
export { mergeDictionaries } from "./merge-dictionary.ts";
export { annotationFor, DictionaryMiner, labelsOf, type MiningOptions } from "./mine-dictionary.ts";
export { mineDictionary } from "./mine-from-inputs.ts";
