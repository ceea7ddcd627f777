import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { DataError, parseJsonLine, readTextFile, writeFileAtomic } from "../io/index.ts";
import type { DatasetInput } from "../readers/index.ts";
import { chooseReader, declaredLabels, readDataset } from "../readers/index.ts";
import { LabelCollector, type LabelSet, mergeLabelSets, SchemaFile } from "../records/index.ts";
import type { IdCensus } from "./id-census.ts";

/**
 * The schema file that may sit beside a dataset: `data.jsonl` → `data.schema.json`; a folder →
 * `schema.json` inside it.
 */
export function schemaFileFor(path: string): string {
  if (existsSync(path) && statSync(path).isDirectory()) return join(path, "schema.json");
  return path.replace(/(\.[^./\\]+)?$/, ".schema.json");
}

export function readSchemaFile(path: string): SchemaFile {
  const parsed = parseJsonLine(readTextFile(path), SchemaFile);
  if (!parsed.ok) throw new DataError(path, undefined, `not a schema file: ${parsed.reason}`);
  return parsed.value;
}

/** The label universe of every source in the inputs (see `scanInputs`). */
export async function collectLabelUniverse(inputs: readonly DatasetInput[]): Promise<Map<string, LabelSet>> {
  return (await scanInputs(inputs)).universe;
}

export interface InputScan {
  universe: Map<string, LabelSet>;
  /** Items (records and rejections) in all inputs, when every input was read or found in the cache. */
  items: number | undefined;
}

/**
 * The label universe of every source in the inputs: from each input's schema file when it has one,
 * otherwise from a first pass over it that keeps labels only (of valid records: a rejected record adds
 * none). With `cacheDir`, a file's pass is kept there, keyed by its path, size, times and read options,
 * and reused while the file is unchanged: a second run over the same data reads it once. `read` counts
 * the ids it reads into `census`; an input it does not read leaves the census incomplete.
 */
export async function scanInputs(
  inputs: readonly DatasetInput[],
  cacheDir?: string,
  read: (input: DatasetInput) => Promise<LabelPass> = readLabels,
  census?: IdCensus,
): Promise<InputScan> {
  const universe = new Map<string, LabelSet>();
  let items: number | undefined = 0;
  const add = (source: string, labels: LabelSet) => {
    const known = universe.get(source);
    universe.set(source, known ? mergeLabelSets(known, labels) : labels);
  };
  for (const input of inputs) {
    const schemaPath = schemaFileFor(input.path);
    if (existsSync(schemaPath)) {
      for (const [source, labels] of Object.entries(readSchemaFile(schemaPath).sources)) add(source, labels);
      items = undefined;
      census?.missed();
      continue;
    }
    const pass = await labelPass(input, cacheDir, read, inputs.length === 1 ? census : undefined);
    if (inputs.length > 1 && pass.cached) census?.missed();
    for (const [source, labels] of Object.entries(pass.sources)) add(source, labels);
    if (pass.declared) add(pass.declared.source, pass.declared.labels);
    if (items !== undefined) items += pass.items;
  }
  return { universe, items };
}

/** What a first pass over one input finds: its label sets by source, and how many items it holds. */
export interface LabelPass {
  sources: Record<string, LabelSet>;
  /** The label set the reader finds declared beside the data, merged after the records' labels. */
  declared?: { source: string; labels: LabelSet };
  items: number;
  /**
   * The keys of the ids the run's census could not clear (usually none), kept with the pass when the
   * input was the run's only one: a later run over it alone adopts them instead of reading every id.
   */
  idCandidates?: string[];
  /** Set when the pass came from the cache. */
  cached?: true;
}

/** The first pass: read every item, keep the labels of the valid records and those the reader declares. */
export async function readLabels(input: DatasetInput): Promise<LabelPass> {
  const collector = new LabelCollector();
  let items = 0;
  for await (const item of readDataset(input.path, input)) {
    items++;
    if (item.ok) collector.add(item.record);
  }
  // Labels the dataset declares (IEPile's schema.json) are asked too, not only those its records use.
  const declared = await declaredLabels(input.path, input);
  return { sources: collector.toSchemaFile().sources, declared, items };
}

/**
 * One input's pass, from the cache when it holds one. `lone`: the census of a run whose only input this
 * is, which the cache keeps the id candidates for (a run of several inputs handles its census itself).
 */
async function labelPass(
  input: DatasetInput,
  cacheDir: string | undefined,
  read: (input: DatasetInput) => Promise<LabelPass>,
  lone: IdCensus | undefined,
): Promise<LabelPass> {
  const cachePath = cacheDir ? cacheFileFor(input, cacheDir) : undefined;
  const cached = cachePath ? readCachedPass(cachePath) : undefined;
  if (cached) {
    // The ids were not read this time: the candidates of the pass that read them stand for them.
    if (cached.idCandidates) lone?.adopt(cached.idCandidates);
    else lone?.missed();
    return { ...cached, cached: true };
  }
  const pass = await read(input);
  if (lone) pass.idCandidates = lone.candidateKeys();
  if (cachePath) writeFileAtomic(cachePath, JSON.stringify(pass));
  return pass;
}

/** A cache file that cannot be read (cut short, edited by hand) is a miss: the pass is made again. */
function readCachedPass(cachePath: string): LabelPass | undefined {
  if (!existsSync(cachePath)) return undefined;
  try {
    return JSON.parse(readFileSync(cachePath, "utf8")) as LabelPass;
  } catch {
    return undefined;
  }
}

/** Bump when what a label pass keeps changes, so older cache files are not read. */
const CACHE_VERSION = 2;

/**
 * A canonical JSONL file's cache entry, named by everything its pass depends on (the file, every read
 * option). Other formats are not cached: a folder's files, or a schema a reader finds beside the data,
 * may change without the input's own times changing.
 */
function cacheFileFor(input: DatasetInput, cacheDir: string): string | undefined {
  const stats = statSync(input.path, { bigint: true, throwIfNoEntry: false });
  if (!stats?.isFile() || chooseReader(input.path, input.format).name !== "canonical") return undefined;
  const key = JSON.stringify([
    CACHE_VERSION,
    resolve(input.path),
    { ...input, path: undefined },
    String(stats.size),
    String(stats.mtimeNs),
    String(stats.ctimeNs),
    String(stats.ino),
  ]);
  return join(cacheDir, `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.json`);
}
