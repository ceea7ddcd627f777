import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { TaskName } from "../tasks/index.ts";
import type { EvalDatasetName } from "./eval-record.ts";

/** The task each eval set is scored on. */
export const EVAL_TASKS: Record<EvalDatasetName, TaskName> = {
  crossner: "NER",
  fewrel: "RE",
  fewfc: "EE",
  c3: "MRC",
  imdb: "TC",
};

/** One native input of an eval set: a path, the reader that reads it and the `source` its records get. */
export interface EvalInput {
  path: string;
  format: string;
  source: string;
  lang: "en" | "zh";
}

export interface EvalDatasetSpec {
  name: EvalDatasetName;
  /** The column heading of the report (paper Table 1). */
  title: string;
  /** Where the set sits under the datasets folder, as `hum eval build --help` documents it. */
  layout: string;
  /** The inputs found at a path (the datasets folder's sub-path, or a per-set override). */
  inputs(path: string): EvalInput[];
}

/**
 * The datasets folder layout (that of the shared dataset slices):
 *
 *   crossner/<domain>/dev.txt           CoNLL token<TAB>tag, one folder per domain (ai, literature, …)
 *   fewrel/val_wiki.json                FewRel {PID: [{tokens, h, t}]}, pid2name.json beside it
 *   fewfc/dev_base.json                 FewFC JSON Lines (the CCF Law stand-in)
 *   c3/c3-*-dev.json                    C3 documents
 *   imdb/aclImdb/test/{pos,neg}/*.txt   IMDB reviews
 */
export const EVAL_DATASETS: readonly EvalDatasetSpec[] = [
  {
    name: "crossner",
    title: "CrossNER",
    layout:
      "crossner/<domain>/dev.txt (pooled over the domains; each domain is its own source crossner_<domain>)",
    inputs: (path) => {
      if (isFile(path)) return [{ path, format: "conll", source: "crossner", lang: "en" }];
      return subfolders(path)
        .filter((domain) => isFile(join(path, domain, "dev.txt")))
        .map((domain) => ({
          path: join(path, domain, "dev.txt"),
          format: "conll",
          source: `crossner_${domain}`,
          lang: "en",
        }));
    },
  },
  {
    name: "fewrel",
    title: "FewRel",
    layout: "fewrel/val_wiki.json with fewrel/pid2name.json beside it",
    inputs: (path) => single(path, "val_wiki.json", { format: "fewrel", source: "fewrel", lang: "en" }),
  },
  {
    name: "fewfc",
    title: "FewFC (CCF Law stand-in)",
    layout: "fewfc/dev_base.json (FewFC stands in for CCF Law, which is not publicly available)",
    inputs: (path) => single(path, "dev_base.json", { format: "fewfc", source: "fewfc", lang: "zh" }),
  },
  {
    name: "c3",
    title: "C3",
    layout: "c3/c3-*-dev.json (every such file, pooled)",
    inputs: (path) => {
      const files = isFile(path)
        ? [path]
        : fileNames(path)
            .filter((name) => /^c3-.*-dev\.json$/.test(name))
            .map((name) => join(path, name));
      return files.map((file) => ({ path: file, format: "c3", source: "c3", lang: "zh" }));
    },
  },
  {
    name: "imdb",
    title: "IMDB",
    layout: "imdb/aclImdb/test/{pos,neg}/*.txt",
    inputs: (path) => {
      const folder = [join(path, "aclImdb", "test"), join(path, "test"), path].find(isFolder);
      return folder ? [{ path: folder, format: "aclimdb", source: "imdb", lang: "en" }] : [];
    },
  },
];

const DATASETS_BY_NAME = new Map<string, EvalDatasetSpec>(EVAL_DATASETS.map((d) => [d.name, d]));

/** The eval set of that name (looked up for every prediction scored). */
export function evalDataset(name: string): EvalDatasetSpec {
  const spec = DATASETS_BY_NAME.get(name);
  if (!spec)
    throw new Error(`unknown eval set "${name}"; known: ${EVAL_DATASETS.map((d) => d.name).join(", ")}`);
  return spec;
}

/**
 * The inputs of every eval set: `<datasets>/<name>` unless an override names the set's own path.
 * A set with neither is skipped (and reported by the caller), so a partial folder still builds.
 */
export function locateEvalInputs(
  datasets: string | undefined,
  overrides: Partial<Record<EvalDatasetName, string>>,
): Map<EvalDatasetName, EvalInput[]> {
  const found = new Map<EvalDatasetName, EvalInput[]>();
  for (const spec of EVAL_DATASETS) {
    const path = overrides[spec.name] ?? (datasets ? join(datasets, spec.name) : undefined);
    if (!path || !existsSync(path)) continue;
    const inputs = spec.inputs(path);
    if (inputs.length > 0) found.set(spec.name, inputs);
  }
  return found;
}

function single(path: string, name: string, rest: Omit<EvalInput, "path">): EvalInput[] {
  const file = isFile(path) ? path : join(path, name);
  return isFile(file) ? [{ path: file, ...rest }] : [];
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function subfolders(path: string): string[] {
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function fileNames(path: string): string[] {
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}
