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

/** File-name stems that name their dataset even outside its folder. */
const KNOWN_FILES: [RegExp, string][] = [
  [/^trivia10k13|^engtrain|^engtest/i, "mit_movie"],
  [/^seed[_-]tasks/i, "alpaca_seed_tasks"],
  [/^alpaca_data/i, "alpaca"],
  [/^drug-ae/i, "ade"],
  [/^cmrc2018/i, "cmrc2018"],
  [/^c3-/i, "c3"],
  [/^(val|train)_wiki/i, "fewrel"],
];

/**
 * The `source` of the records read from a path: the one given, else the dataset the path names
 * (CrossNER's domain folder gives `crossner_<domain>`), else the reader's fallback.
 */
export function sourceName(path: string, options: ReadOptions, fallback: string): string {
  if (options.source) return options.source;
  const parts = resolve(path)
    .split(sep)
    .map((part) => part.toLowerCase());
  const crossner = parts.lastIndexOf("crossner");
  if (crossner >= 0 && parts[crossner + 1] && crossner + 1 < parts.length - 1)
    return `crossner_${parts[crossner + 1]}`;
  for (let i = parts.length - 1; i >= 0; i--) {
    const known = KNOWN_FOLDERS[parts[i]];
    if (known) return known;
  }
  const stem = basename(path, extname(path));
  return KNOWN_FILES.find(([pattern]) => pattern.test(stem))?.[1] ?? fallback;
}

/** The stem of a file name, for ids of formats whose entries carry none. */
export function fileStem(path: string): string {
  return basename(path, extname(path));
}
