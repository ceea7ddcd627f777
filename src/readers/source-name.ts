import { basename, extname, resolve, sep } from "node:path";
import type { ReadOptions } from "./reader.ts";

/** Folder names of the datasets Hum knows, mapped to their source names. */
const KNOWN_FOLDERS: Record<string, string> = {
  aclimdb: "imdb",
  imdb: "imdb",
  fewrel: "fewrel",
  conll04: "conll04",
  c3: "c3",
  fewfc: "fewfc",
  phee: "phee",
  casie: "casie",
  mit_movie: "mit_movie",
  scierc: "scierc",
  ade: "ade",
  cmrc2018: "cmrc2018",
  chnsenticorp: "chnsenticorp",
  alpaca_seed_tasks: "alpaca_seed_tasks",
};

/**
 * File names that name their dataset wherever they are. Files of one family whose labels differ get
 * sources of their own: ADE's drug–dose pairs are not adverse effects, FewRel 2.0's PubMed, NYT and
 * SemEval files have relation sets of their own, MIT Movie's `eng` and `trivia10k13` tag sets differ.
 */
const KNOWN_FILES: [RegExp, string][] = [
  [/^trivia10k13/i, "mit_movie"],
  [/^eng(train|test)/i, "mit_movie_eng"],
  [/^seed[_-]tasks/i, "alpaca_seed_tasks"],
  [/^alpaca_data/i, "alpaca"],
  [/^drug-ae/i, "ade"],
  [/^drug-dose/i, "ade_dose"],
  [/^cmrc2018/i, "cmrc2018"],
  [/^c3-/i, "c3"],
  [/^(val|train|test)_wiki$/i, "fewrel"],
];

/**
 * Words of a file name that say which split or part of a dataset it is, not which dataset: files that
 * differ only in these share a source (`train.txt` and `dev.txt`; FewFC's `dev_base`; CASIE's
 * `annotation/` folder and its numbered articles).
 */
const SPLIT_WORDS = new Set([
  "train",
  "dev",
  "test",
  "val",
  "valid",
  "validation",
  "base",
  "annotation",
  "data",
]);

/**
 * The `source` of the records read from a path: the one given; else a name the file itself is known
 * by; else the dataset its folder names (CrossNER's domain folder gives `crossner_<domain>`), or the
 * reader's fallback, followed by what the file name adds beyond split words, so that two files of one
 * family (`val_pubmed.json`, `val_nyt.json`) do not merge their label universes. `--source` merges them
 * on purpose.
 */
export function sourceName(path: string, options: ReadOptions, fallback: string): string {
  if (options.source) return options.source;
  const stem = fileStem(path);
  const known = KNOWN_FILES.find(([pattern]) => pattern.test(stem));
  if (known) return known[1];
  const parts = resolve(path)
    .split(sep)
    .map((part) => part.toLowerCase());
  const crossner = parts.lastIndexOf("crossner");
  if (crossner >= 0 && parts[crossner + 1] && crossner + 1 < parts.length - 1)
    return `crossner_${parts[crossner + 1]}`;
  const folder = parts.findLast((part) => KNOWN_FOLDERS[part] !== undefined);
  if (folder && parts.at(-1) === folder) return KNOWN_FOLDERS[folder];
  const dataset = folder ? KNOWN_FOLDERS[folder] : fallback;
  if (!folder && fallback === stem) return fallback;
  const extra = distinctWords(stem, [dataset, folder ?? ""]);
  return extra.length === 0 ? dataset : `${dataset}_${extra.join("_")}`;
}

/** The words of a file stem that are neither split words, numbers, nor words of the dataset's name. */
function distinctWords(stem: string, names: string[]): string[] {
  const own = new Set(names.flatMap(words));
  return words(stem).filter((word) => !SPLIT_WORDS.has(word) && !/^\d+$/.test(word) && !own.has(word));
}

function words(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
}

/** The stem of a file name, for ids of formats whose entries carry none. */
export function fileStem(path: string): string {
  return basename(path, extname(path));
}
