import { existsSync, readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { invalidText } from "../io/index.ts";
import { compareCodeUnits } from "../util/index.ts";
import { checkedItem, errorMessage, rejection } from "./read-item.ts";
import type { DatasetReader, Detection, ReadItem, ReadOptions } from "./reader.ts";
import { sourceName } from "./source-name.ts";

const LABELS: Record<string, string> = { pos: "positive", neg: "negative" };

/**
 * The aclImdb tree (IMDB reviews): a folder with `pos/` and `neg/` review files at any depth
 * (`aclImdb/`, `aclImdb/test/` or one split folder). One sentiment `classification` record per file,
 * labelled from its folder; `unsup/` and other folders are skipped. HTML line breaks become newlines.
 */
export const aclImdbReader: DatasetReader = {
  name: "aclimdb",
  description:
    "aclImdb folder tree ({pos,neg}/<id>_<rating>.txt) → one sentiment classification record per review " +
    "(positive/negative from the folder); <br /> becomes a newline",
  detect(path: string): Detection {
    if (!isFolder(path)) return "no";
    return labelFolders(path, 3).length > 0 ? "certain" : "no";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, "imdb");
    const lang = options.lang ?? "en";
    for (const folder of labelFolders(path, 3)) {
      const label = LABELS[basename(folder)];
      for (const name of reviewFiles(folder)) {
        const file = join(folder, name);
        const location = { file, line: 1 };
        let text: string;
        try {
          const bytes = await readFile(file);
          const invalid = invalidText(bytes);
          if (invalid) {
            yield rejection(invalid, location, null);
            continue;
          }
          text = bytes.toString("utf8").replace(/^\uFEFF/, "");
        } catch (error) {
          yield rejection(`unreadable file: ${errorMessage(error)}`, location, null);
          continue;
        }
        // `test/pos/12_8` whichever folder was given: the split, the label folder, the review.
        const id = [basename(dirname(folder)), basename(folder), basename(file, ".txt")].join("/");
        const record = {
          kind: "classification",
          id,
          source,
          lang,
          text: cleanReview(text),
          label,
          aspect: "sentiment",
        };
        yield checkedItem(record, location, text);
      }
    }
  },
};

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** The `pos`/`neg` folders under a path (itself included), sorted, down to a few levels. */
function labelFolders(path: string, depth: number): string[] {
  if (LABELS[basename(path)] && dirname(path) !== path) return [path];
  if (depth === 0) return [];
  const children = readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return children.flatMap((name) => labelFolders(join(path, name), depth - 1));
}

/** Review files in numeric order of their id (`12_8.txt` before `100_3.txt`). */
function reviewFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".txt"))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || compareCodeUnits(a, b));
}

function cleanReview(text: string): string {
  return text.replace(/<br\s*\/?>/gi, "\n").trim();
}
