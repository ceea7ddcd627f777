/** What a dataset card says about one source's licence. */
export interface SourceLicence {
  /** The licence as the dataset's own repository states it. */
  licence: string;
  /** The Hub's licence identifier, when the licence is one of its list. */
  hub?: string;
  /** Where the dataset comes from. */
  origin?: string;
}

// The public datasets Hum reads, keyed by the source names its readers give; licences as each
// dataset's repository states them (a fact to repeat, not a legal opinion).
const KNOWN: Array<[RegExp, SourceLicence]> = [
  [/^crossner(_|$)/, { licence: "MIT", hub: "mit", origin: "zliucr/CrossNER" }],
  [/^fewrel$/, { licence: "MIT", hub: "mit", origin: "thunlp/FewRel" }],
  [
    /^c3$/,
    { licence: "intended for non-commercial research purpose only (license.txt)", origin: "nlpdata/c3" },
  ],
  [
    /^imdb$/,
    { licence: "none stated; the original README asks for a citation", origin: "aclImdb (Maas et al. 2011)" },
  ],
  [/^fewfc$/, { licence: "CC BY-SA 4.0", hub: "cc-by-sa-4.0", origin: "TimeBurningFish/FewFC" }],
  [/^mit_movie$/, { licence: "none stated", origin: "MIT SLS movie corpus (trivia10k13)" }],
  [/^casie$/, { licence: "none stated; the README asks for a citation", origin: "Ebiquity/CASIE" }],
  [/^phee$/, { licence: "MIT", hub: "mit", origin: "ZhaoyueSun/PHEE" }],
  [
    /^conll04$/,
    {
      licence: "MIT (converted copy of CoNLL04)",
      hub: "mit",
      origin: "bekou/multihead_joint_entity_relation_extraction",
    },
  ],
  [
    /^scierc(_|$)/,
    { licence: "Apache-2.0 (SciBERT repository)", hub: "apache-2.0", origin: "allenai/scibert" },
  ],
  [
    /^ade$/,
    {
      licence: "none stated; the README asks for a citation",
      origin: "ADE corpus (Gurulingappa et al. 2012)",
    },
  ],
  [/^cmrc2018$/, { licence: "CC BY-SA 4.0", hub: "cc-by-sa-4.0", origin: "ymcui/cmrc2018" }],
  [
    /^chnsenticorp$/,
    { licence: "Apache-2.0 repository licence; no data licence stated", origin: "ymcui/Chinese-BERT-wwm" },
  ],
  [
    /^alpaca(_seed_tasks)?$/,
    { licence: "CC BY-NC 4.0", hub: "cc-by-nc-4.0", origin: "tatsu-lab/stanford_alpaca" },
  ],
  [
    /^example_/,
    { licence: "Apache-2.0 (Hum's own examples)", hub: "apache-2.0", origin: "Hum examples/data" },
  ],
];

export const UNKNOWN_LICENCE: SourceLicence = {
  licence: "not known to Hum; state it with --source-licences",
};

/** The licence of a source: the user's statement first, else Hum's table, else unknown. */
export function sourceLicence(source: string, given: Record<string, SourceLicence> = {}): SourceLicence {
  return given[source] ?? KNOWN.find(([pattern]) => pattern.test(source))?.[1] ?? UNKNOWN_LICENCE;
}

/** The card's `license`: the one Hub identifier all sources share, else `other`. */
export function corpusLicence(licences: SourceLicence[]): string {
  const ids = new Set(licences.map((l) => l.hub ?? "other"));
  return ids.size === 1 ? [...ids][0] : "other";
}
