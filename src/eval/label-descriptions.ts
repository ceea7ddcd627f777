import { loadDictionary, type SchemaDictionary } from "../dictionary/index.ts";

/** Descriptions of labels (and of EE argument roles) for compound eval instructions. */
export interface LabelDescriptions {
  label(source: string, label: string): string | undefined;
  role(source: string, eventType: string, role: string): string | undefined;
}

export const NO_DESCRIPTIONS: LabelDescriptions = { label: () => undefined, role: () => undefined };

/**
 * Read descriptions from a schema dictionary file (YAML or JSON, the format of `hum dict author` and
 * `hum dict mine`; see src/dictionary/dictionary-file.ts). A label is looked up under the eval record's
 * source (`crossner_ai`, `fewrel`, `fewfc`, `c3`, `imdb`); EE roles under the event type's `roles`. The
 * first description is used, so the eval set is deterministic.
 *
 * Descriptions must be written by a person or an LLM from the label's definition, never mined from the
 * scored records (that would leak their answers).
 */
export function readLabelDescriptions(path: string): LabelDescriptions {
  let dictionary: SchemaDictionary;
  try {
    dictionary = loadDictionary(path);
  } catch (error) {
    throw new Error(
      `${(error as Error).message} (the eval reads a schema dictionary: version: 1, sources: {<source>: ` +
        "{kind, lang, labels: {<label>: {descriptions: […]}}}}; see docs/evaluation.md)",
    );
  }
  return labelDescriptions(dictionary);
}

/** The first description of each label and role of a loaded dictionary. */
export function labelDescriptions(dictionary: SchemaDictionary): LabelDescriptions {
  const entry = (source: string, label: string) => dictionary.sources[source]?.labels[label];
  return {
    label: (source, label) => entry(source, label)?.descriptions[0],
    role: (source, eventType, role) => entry(source, eventType)?.roles?.[role]?.descriptions[0],
  };
}
